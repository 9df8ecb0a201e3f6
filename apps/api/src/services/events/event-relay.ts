import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus, BusEvent } from '../../lib/bus.ts'
import { outboxHead, readOutbox, START, type OutboxEvent, type Position } from './read-outbox.ts'

/** An event for this replica's streams: an outbox row (with its position) or a live-only event. */
export type RelayedEvent = OutboxEvent | (BusEvent & { position?: undefined })

export interface EventRelay {
  /** Outbox rows in commit-safe order, each once; live-only events as they come. */
  subscribe(handler: (event: RelayedEvent) => void): () => void
  /** Reads the outbox now (a hint that rows committed). */
  wake(): void
  close(): void
}

const PAGE = 500
/** Hinted rows wait on a transaction still running: look again soon, less often as it lasts. */
const RETRY_MS = [5, 10, 20, 50, 100, 200, 500]
/** A hint nobody can match any more (say, a row that predates this relay) is dropped. */
const HINT_TTL_MS = 60_000

/**
 * One reader of the outbox per replica, shared by all its SSE streams. Bus messages with an
 * id are only hints that rows committed: the relay reads the rows themselves, in
 * commit-safe order (see read-outbox.ts), so each stream gets them in one order, each once,
 * whichever replica wrote them and whatever order their transactions committed in. With
 * `pollMs` it also reads on a timer: events written on another replica still arrive while
 * the bus is down, and a missed hint costs at most that long.
 */
export function createEventRelay(
  deps: { prisma: PrismaClient; bus: Bus; log: { warn(obj: unknown, msg: string): void } },
  options: { pollMs: number | null },
): EventRelay & { start(): Promise<void> } {
  const handlers = new Set<(event: RelayedEvent) => void>()
  const hints = new Map<string, number>()
  let cursor: Position = START
  let running: Promise<void> | null = null
  let again = false
  let closed = false
  let retry = 0
  let retryTimer: NodeJS.Timeout | undefined
  let pollTimer: NodeJS.Timeout | undefined

  const emit = (event: RelayedEvent) => {
    for (const handler of handlers) handler(event)
  }

  const pumpOnce = async () => {
    for (;;) {
      const rows = await readOutbox(deps.prisma, { after: cursor, limit: PAGE })
      for (const row of rows) {
        cursor = row.position
        hints.delete(row.id)
        emit(row)
      }
      if (rows.length < PAGE) return
    }
  }

  const scheduleRetry = () => {
    const now = Date.now()
    for (const [id, at] of hints) if (now - at > HINT_TTL_MS) hints.delete(id)
    if (hints.size === 0 || closed) {
      retry = 0
      return
    }
    clearTimeout(retryTimer)
    retryTimer = setTimeout(wake, RETRY_MS[Math.min(retry++, RETRY_MS.length - 1)]).unref()
  }

  function wake() {
    if (closed) return
    if (running) {
      again = true
      return
    }
    running = (async () => {
      do {
        again = false
        try {
          await pumpOnce()
        } catch (err) {
          // The database is unreachable for a moment: the next hint or poll reads again.
          if (!closed) deps.log.warn({ err }, 'reading the outbox failed')
        }
      } while (again && !closed)
    })().finally(() => {
      running = null
      scheduleRetry()
    })
  }

  const unsubscribe = deps.bus.subscribe((event) => {
    if (!event.id) return emit(event)
    if (!hints.has(event.id)) hints.set(event.id, Date.now())
    retry = 0
    wake()
  })

  return {
    async start() {
      // Streams start live from here; what came before is theirs to replay by Last-Event-ID.
      cursor = (await outboxHead(deps.prisma))?.position ?? START
      if (options.pollMs) pollTimer = setInterval(wake, options.pollMs).unref()
    },
    subscribe(handler) {
      handlers.add(handler)
      return () => handlers.delete(handler)
    },
    wake,
    close() {
      closed = true
      unsubscribe()
      clearTimeout(retryTimer)
      clearInterval(pollTimer)
      handlers.clear()
    },
  }
}

