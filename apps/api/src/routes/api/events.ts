import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { SSEReplyInterface } from '@fastify/sse'
import { hashToken } from '../../services/auth/sign-in.ts'
import { createEventRelay, type RelayedEvent } from '../../services/events/event-relay.ts'
import { isAfter, outboxHead, positionOf, readOutbox, START, type Position } from '../../services/events/read-outbox.ts'

/** A replica reads the outbox this often besides on hints, so it catches up without the bus. */
const POLL_MS = 1_000
/** Further behind than this, a reconnect gets `reset` (refetch everything) instead of a replay. */
export const MAX_REPLAY = 5_000
const REPLAY_PAGE = 500
/** Streams whose sign-in ended (logout on a replica the bus could not reach, expiry) end within this. */
const REVALIDATE_MS = 30_000

interface OpenStream {
  userId: string
  /** The sign-in session's key (AuthSession.tokenHash), as `session_revoked` names it. */
  authSessionId: string | null
}

interface SessionRevoked {
  user_id?: string
  auth_session_id?: string
}

/**
 * One SSE stream per signed-in tab carrying the domain events this user may see: their
 * organization's, and their own notifications. Each event's `id` is its outbox id; streams
 * get rows in commit-safe order from the replica's relay, so the browser's Last-Event-ID is
 * a cursor that never skips a row that committed late. A reconnect replays from it, in
 * pages; one too far behind (or with an id we cannot place) gets `reset` instead.
 */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  const prisma = fastify.db.prisma
  const relay = createEventRelay(
    { prisma, bus: fastify.bus, log: fastify.log },
    // The embedded database has one process: every write hints, nothing to poll for.
    { pollMs: fastify.db.driver === 'postgres' ? POLL_MS : null },
  )
  await relay.start()

  const open = new Map<SSEReplyInterface, OpenStream>()
  // SSE connections are never idle: end them ourselves so shutdown does not wait on them.
  fastify.addHook('preClose', async () => {
    for (const stream of open.keys()) stream.close()
  })
  fastify.addHook('onClose', async () => {
    relay.close()
    clearInterval(revalidate)
  })

  // Sign-out (auth_session_id) and deactivation (user_id) end the streams they opened, on
  // every replica; the event itself never reaches a browser.
  relay.subscribe((e) => {
    if (e.type !== 'session_revoked') return
    const p = (e.payload ?? {}) as SessionRevoked
    for (const [stream, who] of open) {
      if ((p.user_id && who.userId === p.user_id) || (p.auth_session_id && who.authSessionId === p.auth_session_id)) stream.close()
    }
  })
  // A revocation whose bus message never arrived (the bus was down), or an expired sign-in.
  const revalidate = setInterval(async () => {
    const keys = [...new Set([...open.values()].map((o) => o.authSessionId).filter((k): k is string => Boolean(k)))]
    if (keys.length === 0) return
    try {
      const alive = await prisma.authSession.findMany({ where: { tokenHash: { in: keys }, expiresAt: { gt: new Date() } }, select: { tokenHash: true } })
      const live = new Set(alive.map((a) => a.tokenHash))
      for (const [stream, who] of open) if (who.authSessionId && !live.has(who.authSessionId)) stream.close()
    } catch (err) {
      fastify.log.warn({ err }, 'checking open streams against sign-ins failed')
    }
  }, REVALIDATE_MS).unref()

  fastify.get(
    '/events',
    // 'manual': the stream is served whatever Accept says (a JSON-only client gets it too,
    // rather than a 406 outside our error contract).
    { sse: 'manual', schema: { tags: ['events'], hide: false } },
    async (request, reply) => {
      const user = request.user
      const sse = reply.sse
      const scope = { organizationId: user.organizationId, userId: user.id }
      const token = fastify.sessionToken(request)
      const visible = (e: RelayedEvent) =>
        e.type !== 'session_revoked' && e.organizationId === user.organizationId && (e.userId === null || e.userId === user.id)

      // The last row sent: live rows at or before it were replayed already.
      let at: Position | null = null
      const send = async (e: RelayedEvent) => {
        if (!sse.isConnected) return
        // Live-only events carry no id: they must not move the browser's Last-Event-ID.
        if (!e.position) return sse.send({ event: e.type, data: e.payload })
        if (at && !isAfter(e.position, at)) return
        at = e.position
        return sse.send({ id: e.id, event: e.type, data: e.payload })
      }
      const reset = async (reason: string) => {
        // Moves the browser's Last-Event-ID to now: it refetches everything instead.
        const head = await outboxHead(prisma, scope)
        at = head?.position ?? START
        await sse.send({ ...(head ? { id: head.id } : {}), event: 'reset', data: { reason } })
      }

      let pending: RelayedEvent[] | null = []
      const unsubscribe = relay.subscribe((e) => {
        if (!visible(e)) return
        if (pending) pending.push(e)
        else void send(e).catch(() => undefined)
      })
      sse.keepAlive()
      open.set(sse, { userId: user.id, authSessionId: token ? hashToken(token) : null })
      sse.onClose(() => {
        unsubscribe()
        open.delete(sse)
      })

      const lastEventId = sse.lastEventId
      if (lastEventId) {
        const from = await placeLastEventId(lastEventId)
        if (!from) await reset('unknown_last_event_id')
        else {
          at = from
          for (let replayed = 0; sse.isConnected; ) {
            const rows = await readOutbox(prisma, { after: at, limit: REPLAY_PAGE, scope })
            if (replayed + rows.length > MAX_REPLAY) {
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
      for (const e of pending) await send(e)
      pending = null
      // Tells the client the stream is live (no id: it must not move Last-Event-ID).
      await sse.send({ event: 'ready', data: { at: new Date().toISOString() } })

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
