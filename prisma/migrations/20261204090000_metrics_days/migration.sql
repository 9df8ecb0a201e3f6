-- Team metrics from stored figures, so a period costs about the same with 100 or 100,000
-- escalations in it. The figures of whole past stretches (days, and hours for a period's edges,
-- in power-of-two sizes: see `split-period.ts`) are stored once they are over (`MetricsFigures`:
-- counts, and histograms for the percentiles). Whatever changes a handoff, session, decline or
-- verdict of a stored stretch logs every stretch holding it (`MetricsChange`, appended by the
-- triggers below), and the next read computes those again. What is left of a period (less than
-- an hour at each end) is computed from the rows by the same function, `metrics_figures`.
CREATE TABLE "MetricsFigures" (
    "organizationId" TEXT NOT NULL,
    "hours" INTEGER NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "figures" JSONB NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MetricsFigures_pkey" PRIMARY KEY ("organizationId", "hours", "start")
);
ALTER TABLE "MetricsFigures" ADD CONSTRAINT "MetricsFigures_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Append-only, no unique key: a change is logged by the writing transaction and is visible only
-- once it commits, so a recompute that did not see the change cannot delete its log row either.
-- No foreign key: an organization's rows cascade away while their triggers still log.
CREATE TABLE "MetricsChange" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "hours" INTEGER NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "MetricsChange_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "MetricsChange_organizationId_hours_start_idx" ON "MetricsChange"("organizationId", "hours", "start");

-- Histogram buckets grow by 2% (a value read back from a bucket is within 2% of the truth); a
-- bucket keeps its smallest and largest value, so one with one or two values answers exactly.
CREATE FUNCTION metrics_bucket(seconds float8) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN seconds > 0 THEN floor(ln(seconds) / ln(1.02))::int ELSE -100000 END
$$;

-- [[bucket, count, min, max], ...] of a set of values.
CREATE FUNCTION metrics_histogram(seconds float8[]) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_agg(jsonb_build_array(b, n, lo, hi) ORDER BY b), '[]'::jsonb)
  FROM (SELECT metrics_bucket(v) AS b, count(*) AS n, min(v) AS lo, max(v) AS hi
        FROM unnest(seconds) v WHERE v IS NOT NULL GROUP BY 1) x
$$;

-- An organization's figures for the escalations created in [lo, hi): the sums and histograms
-- `escalation-metrics.ts` merges. A session counts once in a period, from its first escalation
-- there: one whose escalation before `lo` (`prev`) falls inside the period is counted there, so
-- such sessions are listed one by one ("repeat"; most sessions have one escalation and are summed
-- in "sessions").
CREATE FUNCTION metrics_figures(org text, lo timestamp(3), hi timestamp(3)) RETURNS jsonb LANGUAGE sql STABLE AS $$
  -- $1 org, $2 lo, $3 hi: positional, so a test can PREPARE this text and EXPLAIN its plan.
  WITH h AS (
    SELECT "id", "sessionId", "createdAt", "claimedAt", "claimOption", "assessmentStatus", "status",
      extract(epoch FROM "claimedAt" - "createdAt")::float8 AS to_claim,
      CASE WHEN "assessmentStatus" = 'ready' THEN extract(epoch FROM "assessedAt" - "createdAt")::float8 END AS to_assessment
    FROM "Handoff" WHERE "organizationId" = $1 AND "createdAt" >= $2 AND "createdAt" < $3
  ), s AS (
    SELECT "sessionId", min("createdAt") AS first_at FROM h GROUP BY "sessionId"
  ), r AS (
    SELECT cs."status" = 'resolved' AS resolved, cs."rootCause" AS root_cause,
      CASE WHEN cs."status" = 'resolved' THEN extract(epoch FROM cs."resolvedAt" - s.first_at)::float8 END AS seconds,
      (SELECT max(p."createdAt") FROM "Handoff" p WHERE p."sessionId" = s."sessionId" AND p."createdAt" < $2) AS prev
    FROM s JOIN "ChatSession" cs ON cs."id" = s."sessionId"
  )
  SELECT jsonb_build_object(
    'escalations', (SELECT count(*) FROM h),
    'claimed', (SELECT count(*) FROM h WHERE "claimedAt" IS NOT NULL),
    'continue', (SELECT count(*) FROM h WHERE "claimOption" = 'continue'),
    'ai_analysis', (SELECT count(*) FROM h WHERE "claimOption" = 'ai_analysis'),
    'own', (SELECT count(*) FROM h WHERE "claimOption" = 'own'),
    'failures', (SELECT count(*) FROM h WHERE "assessmentStatus" = 'failed'),
    'cancelled', (SELECT count(*) FROM h WHERE "status" = 'cancelled'),
    'by_day', (SELECT coalesce(jsonb_agg(jsonb_build_array(d, n, c) ORDER BY d), '[]'::jsonb) FROM (
        SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS d, count(*) AS n, count("claimedAt") AS c FROM h GROUP BY 1) x),
    'claim', (SELECT metrics_histogram(array_agg(to_claim)) FROM h),
    'assessment', (SELECT metrics_histogram(array_agg(to_assessment)) FROM h),
    'declines', (SELECT jsonb_build_object(
        'not_my_area', count(*) FILTER (WHERE d."reason" = 'not_my_area'),
        'busy', count(*) FILTER (WHERE d."reason" = 'busy'),
        'other', count(*) FILTER (WHERE d."reason" = 'other'))
      FROM "HandoffDecline" d JOIN h ON h."id" = d."handoffId"),
    'feedback', (SELECT jsonb_build_object(
        'rated', count(*),
        'useful', count(*) FILTER (WHERE f."useful"),
        'wrong_cause', count(*) FILTER (WHERE f."problems" @> '["wrong_cause"]'::jsonb),
        'missing_facts', count(*) FILTER (WHERE f."problems" @> '["missing_facts"]'::jsonb),
        'already_tried', count(*) FILTER (WHERE f."problems" @> '["already_tried"]'::jsonb))
      FROM "HandoffFeedback" f JOIN h ON h."id" = f."handoffId"),
    'sessions', (SELECT count(*) FROM r WHERE prev IS NULL),
    'resolved', (SELECT count(*) FROM r WHERE prev IS NULL AND resolved),
    'resolve', (SELECT metrics_histogram(array_agg(seconds)) FROM r WHERE prev IS NULL),
    'root_causes', (SELECT coalesce(jsonb_agg(jsonb_build_array(root_cause, n)), '[]'::jsonb) FROM (
        SELECT root_cause, count(*) AS n FROM r WHERE prev IS NULL AND resolved GROUP BY 1) x),
    'repeat', (SELECT coalesce(jsonb_agg(jsonb_build_array(to_char(prev, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), resolved, root_cause, seconds)), '[]'::jsonb)
      FROM r WHERE prev IS NOT NULL))
$$;

-- Logs a change at `at` for every stored size of stretch that holds it and is over (a stretch
-- not over is never stored). The sizes are those of `split-period.ts`: 1 to 16 hours within a
-- day, at a multiple of their size; 1 to 256 days, at a multiple of their size since 1970.
CREATE FUNCTION metrics_changed(org text, at timestamp(3)) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "MetricsChange" ("organizationId", "hours", "start")
  SELECT org, u.hours, u.start FROM (
    SELECT s AS hours, date_trunc('day', at) + make_interval(hours => extract(hour FROM at)::int / s * s) AS start
    FROM unnest(ARRAY[1, 2, 4, 8, 16]) s WHERE extract(hour FROM at)::int / s * s + s <= 24
    UNION ALL
    SELECT 24 * s, timestamp '1970-01-01' + make_interval(days => floor(extract(epoch FROM at) / 86400)::int / s * s)
    FROM unnest(ARRAY[1, 2, 4, 8, 16, 32, 64, 128, 256]) s
  ) u
  WHERE u.start + make_interval(hours => u.hours) <= now() AT TIME ZONE 'UTC'
$$;

-- A handoff's own figures; and an escalation written or removed on a past day changes which of
-- its session's later escalations is the session's first in a period.
CREATE FUNCTION metrics_handoff_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed "Handoff";
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM metrics_changed(OLD."organizationId", OLD."createdAt");
    IF (NEW."organizationId", NEW."createdAt") IS DISTINCT FROM (OLD."organizationId", OLD."createdAt") THEN
      PERFORM metrics_changed(NEW."organizationId", NEW."createdAt");
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN changed := NEW; ELSE changed := OLD; END IF;
  PERFORM metrics_changed(changed."organizationId", changed."createdAt");
  PERFORM metrics_changed(later."organizationId", later."createdAt")
  FROM "Handoff" later WHERE later."sessionId" = changed."sessionId" AND later."createdAt" > changed."createdAt";
  RETURN NULL;
END $$;

-- Escalations of this hour (every one the app writes) are not stored yet: the triggers do not even run.
CREATE TRIGGER metrics_handoff_inserted AFTER INSERT ON "Handoff" FOR EACH ROW
  WHEN (NEW."createdAt" < date_trunc('hour', now() AT TIME ZONE 'UTC')) EXECUTE FUNCTION metrics_handoff_changed();
CREATE TRIGGER metrics_handoff_deleted AFTER DELETE ON "Handoff" FOR EACH ROW
  WHEN (OLD."createdAt" < date_trunc('hour', now() AT TIME ZONE 'UTC')) EXECUTE FUNCTION metrics_handoff_changed();
CREATE TRIGGER metrics_handoff_updated AFTER UPDATE ON "Handoff" FOR EACH ROW
  WHEN (least(OLD."createdAt", NEW."createdAt") < date_trunc('hour', now() AT TIME ZONE 'UTC')
    AND (OLD."organizationId", OLD."sessionId", OLD."createdAt", OLD."status", OLD."claimedAt", OLD."claimOption", OLD."assessmentStatus", OLD."assessedAt")
      IS DISTINCT FROM (NEW."organizationId", NEW."sessionId", NEW."createdAt", NEW."status", NEW."claimedAt", NEW."claimOption", NEW."assessmentStatus", NEW."assessedAt"))
  EXECUTE FUNCTION metrics_handoff_changed();

-- A session's outcome counts on the days of its escalations.
CREATE FUNCTION metrics_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metrics_changed(h."organizationId", h."createdAt") FROM "Handoff" h WHERE h."sessionId" = NEW."id";
  RETURN NULL;
END $$;
CREATE TRIGGER metrics_session_updated AFTER UPDATE ON "ChatSession" FOR EACH ROW
  WHEN ((OLD."status", OLD."resolvedAt", OLD."rootCause") IS DISTINCT FROM (NEW."status", NEW."resolvedAt", NEW."rootCause"))
  EXECUTE FUNCTION metrics_session_changed();

-- Declines and verdicts count on their handoff's day.
CREATE FUNCTION metrics_handoff_child_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  handoffs text[];
BEGIN
  IF TG_OP = 'INSERT' THEN handoffs := ARRAY[NEW."handoffId"];
  ELSIF TG_OP = 'DELETE' THEN handoffs := ARRAY[OLD."handoffId"];
  ELSE handoffs := ARRAY[OLD."handoffId", NEW."handoffId"];
  END IF;
  PERFORM metrics_changed(h."organizationId", h."createdAt") FROM "Handoff" h WHERE h."id" = ANY(handoffs);
  RETURN NULL;
END $$;
CREATE TRIGGER metrics_decline_changed AFTER INSERT OR UPDATE OR DELETE ON "HandoffDecline" FOR EACH ROW EXECUTE FUNCTION metrics_handoff_child_changed();
CREATE TRIGGER metrics_feedback_changed AFTER INSERT OR UPDATE OR DELETE ON "HandoffFeedback" FOR EACH ROW EXECUTE FUNCTION metrics_handoff_child_changed();
