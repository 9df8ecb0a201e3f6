-- An escalation moved to another time or session changes which of its sessions' later
-- escalations is the first in a period, as an insert or a delete does: log those too, for the
-- session it left and the one it joined.
CREATE OR REPLACE FUNCTION metrics_handoff_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed "Handoff";
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM metrics_changed(OLD."organizationId", OLD."createdAt");
    IF (NEW."organizationId", NEW."createdAt") IS DISTINCT FROM (OLD."organizationId", OLD."createdAt") THEN
      PERFORM metrics_changed(NEW."organizationId", NEW."createdAt");
    END IF;
    IF (NEW."sessionId", NEW."createdAt") IS DISTINCT FROM (OLD."sessionId", OLD."createdAt") THEN
      PERFORM metrics_changed(later."organizationId", later."createdAt")
      FROM "Handoff" later
      WHERE later."id" <> NEW."id"
        AND ((later."sessionId" = OLD."sessionId" AND later."createdAt" > OLD."createdAt")
          OR (later."sessionId" = NEW."sessionId" AND later."createdAt" > NEW."createdAt"));
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN changed := NEW; ELSE changed := OLD; END IF;
  PERFORM metrics_changed(changed."organizationId", changed."createdAt");
  PERFORM metrics_changed(later."organizationId", later."createdAt")
  FROM "Handoff" later WHERE later."sessionId" = changed."sessionId" AND later."createdAt" > changed."createdAt";
  RETURN NULL;
END $$;
