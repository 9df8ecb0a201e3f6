import type { SessionRevoked } from '../../lib/bus.ts'
import type { RelayedEvent } from './event-relay.ts'

/**
 * An event's data, serialised once for every stream it goes to. The events route gives
 * @fastify/sse `sseSerializer`, which writes `json` as it is, so the library still frames
 * each message (id, event, data lines) but no stream runs JSON.stringify again.
 */
export class SerializedData {
  constructor(readonly json: string) {}
}

/** The events route's SSE serializer: pre-serialised data as is, anything else as JSON. */
export const sseSerializer = (data: unknown): string => (data instanceof SerializedData ? data.json : JSON.stringify(data))

/** One open stream as the hub knows it: who it belongs to and how to hand it an event. */
export interface HubStream {
  readonly organizationId: string
  readonly userId: string
  /** The sign-in session's key (AuthSession.tokenHash), as `session_revoked` names it. */
  readonly authSessionId: string | null
  /** A senior's or admin's: every event of the organization. A junior's: only those about sessions they started. */
  readonly wholeOrganization: boolean
  /** An event this stream may see; `data` is its payload serialised once for all streams. */
  deliver(event: RelayedEvent, data: SerializedData): void
  /** Ends the stream (its sign-in was revoked); it leaves the hub through `remove`. */
  close(): void
}

/**
 * This replica's open streams, indexed by organization, by user and by sign-in, so that an
 * event reaches only the streams that may see it (an organization's, or one user's for a
 * user-scoped row) without a scan of every connection, and its payload is serialised once
 * however many streams get it.
 *
 * Live-only events (`assistant_delta`, `presence_changed`) are delivered on the next turn of
 * the event loop: they are published from inside requests, which must not wait for a
 * fan-out to every stream (a row that comes first takes the queued ones with it, so the
 * order stays the relay's). Outbox rows already arrive after the relay's own read.
 * `session_revoked` closes streams at once (a map lookup, no fan-out), so nothing published
 * after a sign-out can still reach the stream it ended.
 */
export function createStreamHub() {
  const byOrganization = new Map<string, Set<HubStream>>()
  const byUser = new Map<string, Set<HubStream>>()
  const bySignIn = new Map<string, Set<HubStream>>()
  let live: RelayedEvent[] = []

  const put = (index: Map<string, Set<HubStream>>, key: string, stream: HubStream) => {
    const set = index.get(key)
    if (set) set.add(stream)
    else index.set(key, new Set([stream]))
  }
  const drop = (index: Map<string, Set<HubStream>>, key: string, stream: HubStream) => {
    const set = index.get(key)
    if (!set) return
    set.delete(stream)
    if (set.size === 0) index.delete(key)
  }

  const fanOut = (event: RelayedEvent) => {
    const targets = event.userId === null ? byOrganization.get(event.organizationId) : byUser.get(event.userId)
    if (!targets) return
    const data = new SerializedData(JSON.stringify(event.payload ?? null))
    // A user-scoped row names its organization too: a stream of the same user id elsewhere
    // (there is none, ids are unique) would still not get it.
    for (const stream of targets) {
      if (stream.organizationId !== event.organizationId) continue
      if (event.userId === null && !stream.wholeOrganization && event.startedById !== stream.userId) continue
      stream.deliver(event, data)
    }
  }
  const flushLive = () => {
    const batch = live
    live = []
    for (const event of batch) fanOut(event)
  }

  return {
    add(stream: HubStream) {
      put(byOrganization, stream.organizationId, stream)
      put(byUser, stream.userId, stream)
      if (stream.authSessionId) put(bySignIn, stream.authSessionId, stream)
    },
    remove(stream: HubStream) {
      drop(byOrganization, stream.organizationId, stream)
      drop(byUser, stream.userId, stream)
      if (stream.authSessionId) drop(bySignIn, stream.authSessionId, stream)
    },
    /** The relay's handler: every event this replica's streams may need, once. */
    publish(event: RelayedEvent) {
      if (event.type === 'session_revoked') {
        // Sign-out (auth_session_id) and deactivation (user_id), on every replica; the event
        // itself never reaches a browser.
        const p = (event.payload ?? {}) as SessionRevoked
        const ended = [...(p.user_id ? (byUser.get(p.user_id) ?? []) : []), ...(p.auth_session_id ? (bySignIn.get(p.auth_session_id) ?? []) : [])]
        for (const stream of ended) stream.close()
        return
      }
      if (event.position) {
        // Live events queued before this row go first: streams see them in the relay's order
        // (the deltas of a reply, then the stored message).
        if (live.length) flushLive()
        return fanOut(event)
      }
      if (live.push(event) === 1) setImmediate(flushLive)
    },
    /** The sign-ins that have a stream open here (for revalidation). */
    signIns: () => [...bySignIn.keys()],
    /**
     * Ends the streams of a sign-in (it expired, or was revoked while the bus was down) that
     * `which` picks (all of them by default); says whether it ended any.
     */
    closeSignIn(authSessionId: string, which: (stream: HubStream) => boolean = () => true): boolean {
      const ended = [...(bySignIn.get(authSessionId) ?? [])].filter(which)
      for (const stream of ended) stream.close()
      return ended.length > 0
    },
    closeAll() {
      for (const set of [...byOrganization.values()]) for (const stream of [...set]) stream.close()
    },
  }
}

export type StreamHub = ReturnType<typeof createStreamHub>
