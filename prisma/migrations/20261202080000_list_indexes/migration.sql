-- Every list the app shows reads through an index, so none grows with history: the queue and
-- the metrics period (Handoff by organization, status, time), the sidebar's "sessions I picked
-- up" (Handoff.claimedById) and the bell's unread count (Notification by user, read state).
DROP INDEX "Handoff_organizationId_status_idx";
DROP INDEX "Handoff_assessmentStatus_idx";
CREATE INDEX "Handoff_organizationId_status_createdAt_idx" ON "Handoff"("organizationId", "status", "createdAt");
CREATE INDEX "Handoff_organizationId_createdAt_idx" ON "Handoff"("organizationId", "createdAt");
CREATE INDEX "Handoff_claimedById_idx" ON "Handoff"("claimedById");
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");
