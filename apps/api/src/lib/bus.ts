import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type { LiveEventPayload, LiveEventType } from '@resolutionflow/shared/events.ts'
import { Redis } from 'ioredis'

/**
 * What replicas tell each other: a committed outbox row (a hint: streams read the row itself
 * from the outbox, in commit-safe order), or a live-only event with no id (`assistant_delta`,
 * the internal `session_revoked`), which is delivered as is and never replayed.
 */
export interface BusEvent {
  /** The outbox id; empty for a live-only event, which is never replayed. */
  id: string
  organizationId: string
  userId: string | null
  type: string
  payload: unknown
  /** For an event of the whole organization about a session: who started it (a junior sees only their own sessions'). */
  startedById?: string | null
}

/** An event that is sent to open streams only: no outbox row, no id, never replayed. */
export interface LiveEventDraft<T extends LiveEventType> {
  type: T
  organizationId: string
  /** Only this user's streams get it; omit for the whole organization. */
  userId?: string | null
  /** Who started the session it is about, for an event of the whole organization (see BusEvent). */
  startedById: string | null
  payload: LiveEventPayload<T>
}

/**
 * The internal `session_revoked` event: one sign-in ended (`auth_session_id`), every sign-in of a
 * user ended or changed (`user_id`: their streams close), or an organization's details that every
 * sign-in carries changed (`organization_id`: cached sign-ins are read again, streams stay open).
 */
export interface SessionRevoked {
  user_id?: string
  auth_session_id?: string
  organization_id?: string
}

export interface Bus {
  readonly kind: 'memory' | 'redis'
  /**
   * Delivers to this replica's subscribers at once, then to the other replicas. Never waits
   * on the network: callers on a request path may ignore the promise, which never rejects.
   */
  publish(event: BusEvent): Promise<void>
  /** A live-only event (declared in packages/shared events.ts), published the same way. */
  publishLive<T extends LiveEventType>(event: LiveEventDraft<T>): Promise<void>
  subscribe(handler: (event: BusEvent) => void): () => void
  close(): Promise<void>
}

const toBusEvent = <T extends LiveEventType>(event: LiveEventDraft<T>): BusEvent => ({
  id: '',
  organizationId: event.organizationId,
  userId: event.userId ?? null,
  type: event.type,
  payload: event.payload,
  startedById: event.startedById,
})

export function createMemoryBus(): Bus {
  const emitter = new EventEmitter().setMaxListeners(0)
  return {
    kind: 'memory',
    async publish(event) {
      emitter.emit('event', event)
    },
    async publishLive(event) {
      emitter.emit('event', toBusEvent(event))
    },
    subscribe(handler) {
      emitter.on('event', handler)
      return () => emitter.off('event', handler)
    },
    async close() {
      emitter.removeAllListeners()
    },
  }
}

export const REDIS_CHANNEL = 'resolutionflow:events'
const CONNECT_WAIT_MS = 3_000

interface Envelope {
  /** The replica that published it: it already delivered the event locally. */
  origin: string
  event: BusEvent
}

/**
 * Redis pub/sub between replicas. A replica delivers its own events to its own streams
 * locally (so they keep flowing while Redis is down) and ignores their echo from Redis (so
 * they are not delivered twice). Publishing fails fast instead of queueing while Redis is
 * unreachable: writes never wait on it. Missed hints cost nothing lasting: every replica
 * also polls the outbox (services/events/event-relay.ts), so streams catch up.
 */
export async function createRedisBus(url: string, onError: (err: Error) => void): Promise<Bus> {
  const origin = randomUUID()
  // One report per outage, not one per reconnect attempt.
  let reported = false
  const report = (err: Error) => {
    if (reported) return
    reported = true
    onError(err)
  }
  const retryStrategy = (attempt: number) => Math.min(100 * attempt, 2_000)
  const pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy })
  const sub = new Redis(url, { retryStrategy })
  for (const client of [pub, sub]) {
    client.on('error', report)
    client.on('ready', () => void (reported = false))
  }

  const local = createMemoryBus()
  sub.on('message', (_channel, raw: string) => {
    let envelope: Envelope
    try {
      envelope = JSON.parse(raw) as Envelope
    } catch {
      return
    }
    if (envelope.origin !== origin && envelope.event) void local.publish(envelope.event)
  })
  // The subscription is re-made by ioredis after each reconnect. Boot does not wait for an
  // unreachable Redis longer than a moment: the app serves, and delivers locally, without it.
  await Promise.race([
    sub.subscribe(REDIS_CHANNEL).catch(report),
    new Promise((resolve) => setTimeout(resolve, CONNECT_WAIT_MS).unref()),
  ])

  const bus: Bus = {
    kind: 'redis',
    async publish(event) {
      void local.publish(event)
      if (pub.status !== 'ready') return
      await pub.publish(REDIS_CHANNEL, JSON.stringify({ origin, event } satisfies Envelope)).then(
        () => undefined,
        (err: Error) => report(err),
      )
    },
    publishLive: (event) => bus.publish(toBusEvent(event)),
    subscribe: local.subscribe,
    async close() {
      await local.close()
      sub.disconnect()
      pub.disconnect()
    },
  }
  return bus
}
