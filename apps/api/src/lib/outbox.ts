import type { DomainEventPayload, DomainEventType } from '@resolutionflow/shared/events.ts'
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts'
import type { Bus, BusEvent } from './bus.ts'
import type { JobName, JobOptions, JobPayloads, JobQueue } from './job-queue.ts'

export type Tx = Prisma.TransactionClient

export interface EventDraft<T extends DomainEventType = DomainEventType> {
  type: T
  organizationId: string
  /** Only this user may see it; omit for the whole organization. */
  userId?: string | null
  payload: DomainEventPayload<T>
}

export type RecordEvent = <T extends DomainEventType>(event: EventDraft<T>) => void

/** Sends a background job inside the transaction (inserted at its end); it runs only if the transaction commits. */
export type EnqueueJob = <N extends JobName>(name: N, data: JobPayloads[N], options?: JobOptions) => Promise<void>

/** Outbox rows the work inserted itself, in one of its own statements (see `eventRowsIf`), to announce after the commit. */
export type WroteEvents = (rows: EventRow[]) => void

export interface OutboxDeps {
  prisma: PrismaClient
  bus: Bus
  /** Needed only by work that enqueues jobs. */
  jobs?: JobQueue
  log?: { error(obj: unknown, msg: string): void }
}

/**
 * Runs `work` in one transaction in which `record` queues outbox rows and `enqueue` sends
 * background jobs; the rows, and the jobs, are inserted in one statement each at the end of that same
 * transaction (each row also records the transaction's id, see services/events/event-relay.ts).
 * After the commit, and only then, the events are announced on the bus and the local
 * workers woken for the jobs (`announce`). A rollback writes, sends and publishes nothing.
 * Work that writes its rows and events in one data-modifying statement hands the events that
 * statement returned to `wrote` instead of recording them.
 */
export async function transactWithEvents<T>(
  deps: OutboxDeps,
  work: (tx: Tx, record: RecordEvent, enqueue: EnqueueJob, wrote: WroteEvents) => Promise<T>,
): Promise<T> {
  let announced: BusEvent[] = []
  const sent: JobName[] = []
  const result = await deps.prisma.$transaction(async (tx) => {
    const drafts: EventDraft[] = []
    const written: EventRow[] = []
    const jobs: Array<{ name: JobName; data: object; options?: JobOptions }> = []
    // Jobs are collected and inserted in one statement at the end, like the events: an
    // escalation's timers, assessment, e-mails and pushes cost one statement, not one each.
    const enqueue: EnqueueJob = async (name, data, options) => {
      if (!deps.jobs) throw new Error(`transactWithEvents: no job queue in deps to send ${name}`)
      jobs.push({ name, data, options })
    }
    const out = await work(tx, (event) => void drafts.push(event as EventDraft), enqueue, (rows) => void written.push(...rows))
    if (jobs.length > 0) {
      await deps.jobs!.sendMany(tx, jobs)
      // Only jobs due now wake a worker; a timer is found by the poll when its time comes.
      sent.push(...jobs.filter((j) => isDue(j.options?.startAfter)).map((j) => j.name))
    }
    const inserted = drafts.length === 0 ? [] : await tx.event.createManyAndReturn({
      data: drafts.map((d) => ({
        organizationId: d.organizationId,
        userId: d.userId ?? null,
        type: d.type,
        payload: d.payload as Prisma.InputJsonValue,
      })),
      select: { id: true, organizationId: true, userId: true, type: true, payload: true },
    })
    // Ids come from one sequence in insertion order, so sorting restores the order written.
    announced = toBusEvents([...written, ...inserted])
    return out
  })
  announce(deps, announced, sent)
  return result
}

/**
 * After a commit: the bus hint for each event and the wake of the local workers for the
 * jobs sent. Run after the answer is written (setImmediate runs once the caller's reply has
 * gone out): on the embedded database the relay's outbox read and the workers' fetches run
 * on this thread, and would otherwise hold the answer back.
 */
export function announce(deps: OutboxDeps, events: BusEvent[], jobs: JobName[] = []): void {
  setImmediate(() => {
    for (const event of events) {
      // A hint that the outbox has news, not awaited: the change is committed whatever happens
      // here, and streams read the rows themselves from the outbox (they also poll it), so a
      // bus that is down slows nothing and loses nothing.
      void deps.bus.publish(event).catch((err) => deps.log?.error({ err, eventId: event.id }, 'event broadcast failed'))
    }
    // Woken only now: the job sees the committed change, and what it reports commits after these events.
    if (jobs.length) deps.jobs?.wake(jobs)
  })
}

/**
 * The outbox rows of `drafts` as one part of a data-modifying CTE, written only when the CTE
 * part named `guard` returned a row: a conditional write and its events become one statement
 * (no BEGIN/COMMIT), which the part's own transaction id orders like any other commit. The
 * rows come back (`RETURNING`) in the drafts' order, for `announce`.
 */
export function eventRowsIf(guard: string, drafts: EventDraft[]): Prisma.Sql {
  const docs = drafts.map((d) => ({ organizationId: d.organizationId, userId: d.userId ?? null, type: d.type, payload: d.payload }))
  // "createdAt" in UTC wall-clock time, as Prisma writes it (the column's default would follow the connection's TimeZone).
  return Prisma.sql`INSERT INTO "Event" ("organizationId", "userId", "type", "payload", "createdAt")
    SELECT e.doc->>'organizationId', e.doc->>'userId', e.doc->>'type', e.doc->'payload', now() AT TIME ZONE 'UTC'
    FROM jsonb_array_elements(${JSON.stringify(docs)}::jsonb) WITH ORDINALITY AS e(doc, ord)
    WHERE EXISTS (SELECT 1 FROM ${Prisma.raw(`"${guard}"`)})
    ORDER BY e.ord
    RETURNING "id", "organizationId", "userId", "type", "payload"`
}

/** An outbox row as a statement returns it (`id` is a bigint, or its text inside JSON). */
export type EventRow = { id: bigint | string; organizationId: string; userId: string | null; type: string; payload: unknown }

/** The rows of a CTE's `"events"` part (see `eventRowsIf`) as one JSON value, for the statement's single answer row. */
export const eventsJson = Prisma.sql`(SELECT json_agg(json_build_object('id', "id"::text, 'organizationId', "organizationId",
  'userId', "userId", 'type', "type", 'payload', "payload")) FROM "events")`

/** Outbox rows as the bus announces them, in the order written (ids are one sequence). */
export const toBusEvents = (rows: EventRow[]): BusEvent[] =>
  rows
    .map((r) => ({ ...r, id: BigInt(r.id) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((r) => ({ ...r, id: r.id.toString() }))

const isDue = (startAfter: JobOptions['startAfter']) =>
  startAfter === undefined || (startAfter instanceof Date ? startAfter.getTime() <= Date.now() : Number(startAfter) <= 0)
