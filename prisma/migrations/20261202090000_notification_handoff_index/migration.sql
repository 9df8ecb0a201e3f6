-- Every handoff the app shows loads its timeline (the notifications of each step) by handoff:
-- without this index that is a scan of every notification (caught by list-query-plans.test.ts).
CREATE INDEX "Notification_handoffId_idx" ON "Notification"("handoffId");
