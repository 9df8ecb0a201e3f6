import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { isSenior } from '@resolutionflow/shared/roles.ts'
import { hashToken } from '../../services/auth/sign-in.ts'
import { createEventRelay, type RelayedEvent } from '../../services/events/event-relay.ts'
import { isAfter, isFurtherBehind, outboxHead, positionOf, readOutbox, START, type Position } from '../../services/events/read-outbox.ts'
import { createStreamHub, sseSerializer, type HubStream, type SerializedData } from '../../services/events/stream-hub.ts'

/** A replica reads the outbox this often besides on hints, so it catches up without the bus. */
const POLL_MS = 1_000
/** Further behind than this, a reconnect gets `reset` (refetch everything) instead of a replay. */
export const MAX_REPLAY = 5_000
const REPLAY_PAGE = 500
/** Sign-ins checked per revalidation query, so thousands of open streams do not make one huge IN list. */
const REVALIDATE_BATCH = 1_000

/**
 * One SSE stream per signed-in tab carrying the domain events this user may see: their
 * organization's, and their own notifications. Each event's `id` is its outbox id; streams
 * get rows in commit-safe order from the replica's relay, so the browser's Last-Event-ID is
 * a cursor that never skips a row that committed late. A reconnect replays from it, in
 * pages; one too far behind (or with an id we cannot place) gets `reset` instead. Live rows
 * reach a stream through the hub (services/events/stream-hub.ts): indexed by organization
 * and user, each event's payload serialised once for all its streams.
 */
const routes: FastifyPluginAsyncZod<{ recheckMs: number }> = async (fastify, opts) => {
  const prisma = fastify.db.prisma
  const relay = createEventRelay(
    { prisma, bus: fastify.bus, log: fastify.log },
    // The embedded database has one process: every write hints, nothing to poll for.
    { pollMs: fastify.db.driver === 'postgres' ? POLL_MS : null },
  )
  await relay.start()
  const hub = createStreamHub()
  relay.subscribe(hub.publish)

  // SSE connections are never idle: end them ourselves so shutdown does not wait on them.
  fastify.addHook('preClose', async () => hub.closeAll())
  fastify.addHook('onClose', async () => {
    relay.close()
    clearInterval(revalidate)
  })

  // What `session_revoked` does when its bus message never arrived here (the bus was down):
  // streams of a sign-in that ended (logout, expiry, deactivation) end, and so do streams whose
  // audience no longer matches the role (a junior's own sessions, or the whole organization).
  // The browser reconnects, and the new stream has the audience of the role as it is now.
  const revalidate = setInterval(async () => {
    const keys = hub.signIns()
    try {
      for (let i = 0; i < keys.length; i += REVALIDATE_BATCH) {
        const batch = keys.slice(i, i + REVALIDATE_BATCH)
        const alive = await prisma.authSession.findMany({
          where: { tokenHash: { in: batch }, expiresAt: { gt: new Date() }, user: { active: true } },
          select: { tokenHash: true, user: { select: { role: true } } },
        })
        const wholeOrganization = new Map(alive.map((a) => [a.tokenHash, isSenior(a.user.role)]))
        for (const key of batch) {
          const changed = (stream: HubStream) => stream.wholeOrganization !== wholeOrganization.get(key)
          if (!hub.closeSignIn(key, changed)) continue
          // The reconnect must read the sign-in again, not this replica's copy from before.
          fastify.signInCache.forget(key)
        }
      }
    } catch (err) {
      fastify.log.warn({ err }, 'checking open streams against sign-ins failed')
    }
  }, opts.recheckMs).unref()

  fastify.get(
    '/events',
    // 'manual': the stream is served whatever Accept says (a JSON-only client gets it too,
    // rather than a 406 outside our error contract). The serializer writes the hub's
    // pre-serialised payloads as they are.
    { sse: { kind: 'manual', serializer: sseSerializer }, schema: { tags: ['events'], hide: false } },
    async (request, reply) => {
      const user = request.user
      const sse = reply.sse
      const scope = { organizationId: user.organizationId, userId: user.id, wholeOrganization: isSenior(user.role) }
      const token = fastify.sessionToken(request)

      // The last row sent: live rows at or before it were replayed already. The only state a
      // stream keeps about what it was sent, whatever the number of events.
      let at: Position | null = null
      const send = (e: RelayedEvent, data: SerializedData | unknown = e.payload) => {
        if (!sse.isConnected) return
        // Live-only events carry no id: they must not move the browser's Last-Event-ID.
        if (!e.position) return sse.send({ event: e.type, data })
        if (at && !isAfter(e.position, at)) return
        at = e.position
        return sse.send({ id: e.id, event: e.type, data })
      }
      const reset = async (reason: string) => {
        // Moves the browser's Last-Event-ID to now: it refetches everything instead.
        const head = await outboxHead(prisma, scope)
        at = head?.position ?? START
        await sse.send({ ...(head ? { id: head.id } : {}), event: 'reset', data: { reason } })
      }

      // Live rows that arrive while the replay runs wait here, then go out in order.
      let pending: Array<[RelayedEvent, SerializedData]> | null = []
      const stream: HubStream = {
        organizationId: user.organizationId,
        userId: user.id,
        authSessionId: token ? hashToken(token) : null,
        wholeOrganization: scope.wholeOrganization,
        deliver(e, data) {
          if (pending) pending.push([e, data])
          else send(e, data)?.catch(() => undefined)
        },
        close: () => sse.close(),
      }
      sse.keepAlive()
      hub.add(stream)
      sse.onClose(() => hub.remove(stream))

      const lastEventId = sse.lastEventId
      if (lastEventId) {
        const from = await placeLastEventId(lastEventId)
        if (!from) await reset('unknown_last_event_id')
        // Decided before anything is sent: a client that will refetch everything gets no replay first.
        else if (await isFurtherBehind(prisma, { after: from, than: MAX_REPLAY, scope })) await reset('too_far_behind')
        else {
          at = from
          // To the end, in pages (rows committed meanwhile included): nothing is skipped. If
          // rows keep coming faster than this client takes them, it gets `reset` after all,
          // so neither the replay nor the live rows queued behind it grow without bound.
          for (let replayed = 0; sse.isConnected; ) {
            const rows = await readOutbox(prisma, { after: at, limit: REPLAY_PAGE, scope })
            if (replayed + rows.length > 2 * MAX_REPLAY) {
              await reset('too_far_behind')
              break
            }
            // Awaited: a long replay waits for the socket to drain instead of piling up.
            for (const e of rows) await send(e)
            replayed += rows.length
            if (rows.length < REPLAY_PAGE) break
          }
        }
      }
      for (const [e, data] of pending) await send(e, data)
      pending = null
      // Tells the client the stream is live (no id: it must not move Last-Event-ID).
      if (sse.isConnected) await sse.send({ event: 'ready', data: { at: new Date().toISOString() } })

      /** The position of the row the browser saw last, or null when it is none of this user's. */
      async function placeLastEventId(value: string): Promise<Position | null> {
        if (!/^\d{1,19}$/.test(value)) return null
        const id = BigInt(value)
        if (id > 9_223_372_036_854_775_807n) return null
        return positionOf(prisma, scope, id)
      }
    },
  )
}

export default routes
