-- The escalation to its end: cancel, decline, hand back, resolve/reopen, feedback on the
-- assessment, and the resolved sessions' search document that feeds the next assessment.
-- All additive: existing rows keep their meaning (every session starts open).

CREATE TYPE "SessionStatus" AS ENUM ('open', 'resolved');
CREATE TYPE "DeclineReason" AS ENUM ('not_my_area', 'busy', 'other');

ALTER TABLE "ChatSession" ADD COLUMN "status" "SessionStatus" NOT NULL DEFAULT 'open';
ALTER TABLE "ChatSession" ADD COLUMN "resolvedAt" TIMESTAMP(3);
ALTER TABLE "ChatSession" ADD COLUMN "resolvedById" TEXT;
ALTER TABLE "ChatSession" ADD COLUMN "resolutionNote" TEXT;
ALTER TABLE "ChatSession" ADD COLUMN "rootCause" TEXT;
-- Title, the engineers' own words and the resolution, written when the session is resolved:
-- what "similar resolved sessions" searches.
ALTER TABLE "ChatSession" ADD COLUMN "searchDocument" TEXT;
CREATE INDEX "ChatSession_organizationId_status_idx" ON "ChatSession"("organizationId", "status");
ALTER TABLE "ChatSession" ADD CONSTRAINT "ChatSession_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- Full-text index over resolved sessions only; find-similar-sessions.ts uses this exact expression.
CREATE INDEX "ChatSession_search_idx" ON "ChatSession" USING GIN (to_tsvector('english', coalesce("searchDocument", ''))) WHERE "status" = 'resolved';

ALTER TABLE "Handoff" ADD COLUMN "cancelledById" TEXT;
ALTER TABLE "Handoff" ADD COLUMN "cancelledAt" TIMESTAMP(3);
ALTER TABLE "Handoff" ADD COLUMN "cancelNote" TEXT;
ALTER TABLE "Handoff" ADD COLUMN "handedBackAt" TIMESTAMP(3);
ALTER TABLE "Handoff" ADD COLUMN "handBackNote" TEXT;
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_cancelledById_fkey" FOREIGN KEY ("cancelledById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A notification about a handoff that no longer needs anyone (cancelled, or declined by its reader).
ALTER TABLE "Notification" ADD COLUMN "obsoleteAt" TIMESTAMP(3);

CREATE TABLE "HandoffDecline" (
    "id" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" "DeclineReason" NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HandoffDecline_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "HandoffDecline_handoffId_userId_key" ON "HandoffDecline"("handoffId", "userId");
ALTER TABLE "HandoffDecline" ADD CONSTRAINT "HandoffDecline_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "HandoffDecline" ADD CONSTRAINT "HandoffDecline_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "HandoffFeedback" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "useful" BOOLEAN NOT NULL,
    "problems" JSONB NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HandoffFeedback_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "HandoffFeedback_handoffId_userId_key" ON "HandoffFeedback"("handoffId", "userId");
CREATE INDEX "HandoffFeedback_organizationId_idx" ON "HandoffFeedback"("organizationId");
ALTER TABLE "HandoffFeedback" ADD CONSTRAINT "HandoffFeedback_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "HandoffFeedback" ADD CONSTRAINT "HandoffFeedback_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "HandoffFeedback" ADD CONSTRAINT "HandoffFeedback_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
