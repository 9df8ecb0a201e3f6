import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { SSEReplyInterface } from '@fastify/sse'
import type { BusEvent } from '../../lib/bus.ts'
import { replayEvents } from '../../services/events/replay-events.ts'
import { hashToken } from '../../services/auth/sign-in.ts'

/**
 * One SSE stream per signed-in tab carrying the domain events this user may see: their
 * organization's, and their own notifications. Each event's `id` is its outbox id, so a
 * reconnecting browser's Last-Event-ID replays what it missed from the table.
 */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  const open = new Set<SSEReplyInterface>()
  // SSE connections are never idle: end them ourselves so shutdown does not wait on them.
  fastify.addHook('preClose', async () => {
    for (const stream of open) stream.close()
  })

  fastify.get(
    '/events',
    { sse: 'only', schema: { tags: ['events'], hide: false } },
    async (request, reply) => {
      const user = request.user
      const sse = reply.sse
      const visible = (e: BusEvent) => e.organizationId === user.organizationId && (e.userId === null || e.userId === user.id)
      const sent = new Set<string>()
      const send = (e: BusEvent) => {
        if (!sse.isConnected) return
        // Live-only events carry no id: they must not move the browser's Last-Event-ID.
        if (!e.id) return void sse.send({ event: e.type, data: e.payload })
        // Replay and live delivery can overlap while the stream starts; send each id once.
        if (sent.has(e.id)) return
        sent.add(e.id)
        void sse.send({ id: e.id, event: e.type, data: e.payload })
      }

      let pending: BusEvent[] | null = []
      const authSessionId = hashToken(fastify.sessionToken(request) ?? '')
      const unsubscribe = fastify.bus.subscribe((e) => {
        // Internal and never sent: a deactivated user's (or an ended sign-in's) streams close at once.
        if (e.type === 'session_revoked') {
          const p = (e.payload ?? {}) as { user_id?: string; auth_session_id?: string }
          if (p.user_id === user.id || p.auth_session_id === authSessionId) sse.close()
          return
        }
        if (!visible(e)) return
        if (pending) pending.push(e)
        else send(e)
      })
      sse.keepAlive()
      open.add(sse)
      sse.onClose(() => {
        unsubscribe()
        open.delete(sse)
      })

      const lastEventId = sse.lastEventId
      if (lastEventId) {
        for (const e of await replayEvents({ prisma: fastify.db.prisma }, user, lastEventId)) send(e)
      }
      for (const e of pending) send(e)
      pending = null
      // Tells the client the stream is live (no id: it must not move Last-Event-ID).
      await sse.send({ event: 'ready', data: { at: new Date().toISOString() } })
    },
  )
}

export default routes
