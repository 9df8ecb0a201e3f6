import { EventEmitter } from 'node:events'
import type { LiveEventPayload, LiveEventType } from '@resolutionflow/shared/events.ts'
import { Redis } from 'ioredis'

/** A committed outbox row, as broadcast to every replica's SSE streams. */
export interface BusEvent {
  /** The outbox id; empty for a live-only event (e.g. `assistant_delta`), which is never replayed. */
  id: string
  organizationId: string
  userId: string | null
  type: string
  payload: unknown
}

/** An event that is sent to open streams only: no outbox row, no id, never replayed. */
export interface LiveEventDraft<T extends LiveEventType> {
  type: T
  organizationId: string
  /** Only this user's streams get it; omit for the whole organization. */
  userId?: string | null
  payload: LiveEventPayload<T>
}

export interface Bus {
  readonly kind: 'memory' | 'redis'
  /** A committed outbox row (see lib/outbox.ts, which is what calls this). */
  publish(event: BusEvent): Promise<void>
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

const CHANNEL = 'resolutionflow:events'

/**
 * Redis pub/sub: every replica publishes what it committed and delivers what it hears,
 * its own events included, so each subscriber gets each event exactly once from Redis.
 * Anything missed while a connection was down is replayed from the outbox by Last-Event-ID.
 */
export async function createRedisBus(url: string, onError: (err: Error) => void): Promise<Bus> {
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 })
  const sub = new Redis(url, { lazyConnect: true })
  pub.on('error', onError)
  sub.on('error', onError)
  await Promise.all([pub.connect(), sub.connect()])
  await sub.subscribe(CHANNEL)

  const local = createMemoryBus()
  sub.on('message', (_channel, raw: string) => {
    void local.publish(JSON.parse(raw) as BusEvent)
  })
  return {
    kind: 'redis',
    async publish(event) {
      await pub.publish(CHANNEL, JSON.stringify(event))
    },
    async publishLive(event) {
      await pub.publish(CHANNEL, JSON.stringify(toBusEvent(event)))
    },
    subscribe: local.subscribe,
    async close() {
      await local.close()
      sub.disconnect()
      await pub.quit().catch(() => pub.disconnect())
    },
  }
}
