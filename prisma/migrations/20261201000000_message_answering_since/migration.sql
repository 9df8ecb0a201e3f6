-- When the assistant started answering a user message; NULL when no answer is under way.
-- Retry claims a message with one conditional UPDATE on it, so two retries (or a retry
-- while the first answer still runs) never produce two answers.
ALTER TABLE "Message" ADD COLUMN "answeringSince" TIMESTAMP(3);
