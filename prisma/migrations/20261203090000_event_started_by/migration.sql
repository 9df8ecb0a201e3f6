-- A row for the whole organization about a session names who started it: a junior sees such
-- rows only for the sessions they started (the read rule, packages/shared session-rights.ts),
-- live and on replay. The database fills it from the payload's session_id, so every writer
-- (Prisma's inserts and the raw data-modifying statements) gets it without knowing.
ALTER TABLE "Event" ADD COLUMN "startedById" TEXT;

CREATE FUNCTION event_started_by() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."userId" IS NULL AND NEW."payload" ? 'session_id' THEN
    NEW."startedById" := (SELECT "createdById" FROM "ChatSession" WHERE "id" = NEW."payload"->>'session_id');
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER event_started_by BEFORE INSERT ON "Event" FOR EACH ROW EXECUTE FUNCTION event_started_by();

UPDATE "Event" e SET "startedById" = s."createdById"
FROM "ChatSession" s WHERE e."userId" IS NULL AND s."id" = e."payload"->>'session_id';
