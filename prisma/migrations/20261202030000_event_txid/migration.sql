-- The transaction that wrote each outbox row. Ids come from a sequence and transactions can
-- commit out of id order, so streams read the outbox in (txid, id) order and only up to the
-- oldest transaction still running (pg_snapshot_xmin): below that line nothing can appear
-- any more, so a cursor in that order never skips a row that commits later.
-- Existing rows get this migration's transaction id: they are all committed.
ALTER TABLE "Event" ADD COLUMN "txid" BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint);

CREATE INDEX "Event_txid_id_idx" ON "Event"("txid", "id");
CREATE INDEX "Event_organizationId_txid_id_idx" ON "Event"("organizationId", "txid", "id");
