-- Who has a handoff's pickup screen open right now ("Morgan is looking at this"). A row is a
-- heartbeat lease: each open screen pushes "expiresAt" forward every few seconds, and a tab
-- that closed without saying so drops out when its lease runs out. Kept in the database, not
-- in a replica's memory, so every replica behind a load balancer sees the same viewers.
CREATE TABLE "HandoffPresence" (
    "handoffId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "HandoffPresence_pkey" PRIMARY KEY ("handoffId", "userId")
);

CREATE INDEX "HandoffPresence_organizationId_idx" ON "HandoffPresence"("organizationId");
CREATE INDEX "HandoffPresence_expiresAt_idx" ON "HandoffPresence"("expiresAt");

ALTER TABLE "HandoffPresence" ADD CONSTRAINT "HandoffPresence_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "Handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "HandoffPresence" ADD CONSTRAINT "HandoffPresence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
