import cookie from '@fastify/cookie'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import { AppError } from '../../errors.ts'
import type { AuthUser } from '../../services/auth/auth-user.ts'
import { createSessionCache, type SessionCache } from '../../services/auth/session-cache.ts'
import { resolveSession } from '../../services/auth/sign-in.ts'
import { noteActivity } from '../../services/team/note-activity.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on every route that is not `config: { public: true }`. */
    user: AuthUser
  }
  interface FastifyReply {
    setSessionCookie(token: string, expiresAt: Date): FastifyReply
    clearSessionCookie(): FastifyReply
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, docs, the SPA). */
    public?: boolean
  }
  interface FastifyInstance {
    sessionToken(request: FastifyRequest): string | null
    /** This replica's recently resolved sign-ins (services/auth/session-cache.ts). */
    signInCache: SessionCache
  }
}

export const SESSION_COOKIE = 'rf_session'

// A sign-in resolved here is trusted for 10 s without a query: long enough that a busy user's
// requests skip it, short enough to bound a revocation whose bus message got lost.
const SESSION_CACHE = { ttlMs: 10_000, maxEntries: 20_000 }

/**
 * Cookie sessions: an httpOnly, SameSite=Lax, signed cookie holding a random token whose
 * hash is a row in AuthSession, so sessions survive restarts and logout revokes them.
 * One hook authenticates every /api route not marked public.
 */
export default fp(
  async (fastify, opts: { config: Config }) => {
    await fastify.register(cookie, { secret: opts.config.sessionSecret })

    fastify.decorate('sessionToken', (request: FastifyRequest) => {
      const raw = request.cookies[SESSION_COOKIE]
      if (!raw) return null
      const unsigned = request.unsignCookie(raw)
      return unsigned.valid ? unsigned.value : null
    })

    fastify.decorateReply('setSessionCookie', function (this: FastifyReply, token: string, expiresAt: Date) {
      return this.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.config.env === 'production',
        signed: true,
        expires: expiresAt,
      })
    })
    fastify.decorateReply('clearSessionCookie', function (this: FastifyReply) {
      return this.clearCookie(SESSION_COOKIE, { path: '/' })
    })
    fastify.decorateRequest('user', null as unknown as AuthUser)
    const cache = createSessionCache(fastify.bus, SESSION_CACHE)
    fastify.decorate('signInCache', cache)
    fastify.addHook('onClose', async () => cache.close())

    fastify.addHook('onRequest', async (request) => {
      const url = request.routeOptions.url
      // Unknown routes fall through to the JSON 404; public routes need no session.
      if (!url || !url.startsWith('/api/') || request.routeOptions.config.public) return
      const token = fastify.sessionToken(request)
      const user = token ? await resolveSession({ prisma: fastify.db.prisma, cache }, token) : null
      // resolveSession also refuses a deactivated user, so their cookie stops working at once.
      if (!user) throw new AppError(401, 'UNAUTHENTICATED', 'Sign in to continue')
      request.user = user
      await noteActivity({ prisma: fastify.db.prisma, log: request.log }, user.id)
    })
  },
  { name: 'auth', dependencies: ['database', 'bus'] },
)
