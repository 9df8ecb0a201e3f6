-- The assessment is a pg-boss job now (schema "pgboss", installed by pg-boss itself at boot):
-- the hand-written lease is gone.
ALTER TABLE "Handoff" DROP COLUMN "assessmentLeaseUntil";
