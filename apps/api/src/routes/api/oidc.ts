import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../../config.ts'
import { isDatabaseUnreachable } from '../../db/connection-errors.ts'
import { AppError } from '../../errors.ts'
import { finishOidc } from '../../services/sso/finish-oidc.ts'
import { startOidc, type OidcFlowState } from '../../services/sso/start-oidc.ts'
import { errorResponses } from '../error-responses.ts'
import { linkBase } from '../link-base.ts'

const FLOW_COOKIE = 'rf_oidc'
const FLOW_PATH = '/api/auth/oidc'

/**
 * Sign-in with OpenID Connect. Both steps are browser navigations, so failures redirect to
 * the login page with `sso_error=<code>` (the page explains it) instead of answering JSON.
 */
const routes: FastifyPluginAsyncZod<{ config: Config }> = async (fastify, opts) => {
  const redirectUri = (base: string) => `${base}${FLOW_PATH}/callback`
  const toLogin = (reply: FastifyReply, code: string) =>
    reply.clearCookie(FLOW_COOKIE, { path: FLOW_PATH }).redirect(`/login?sso_error=${encodeURIComponent(code)}`, 302)

  fastify.get(
    '/auth/oidc/start',
    {
      config: { public: true, rateLimit: { max: opts.config.loginRateLimit * 3, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        querystring: z.object({ organization: z.string().trim().toLowerCase().min(1).max(80) }),
        response: { 302: z.null(), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      try {
        const base = linkBase(request, opts.config.publicUrl)
        const { url, flow } = await startOidc(fastify.deps, { organizationSlug: request.query.organization, redirectUri: redirectUri(base) })
        reply.setCookie(FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
          path: FLOW_PATH,
          httpOnly: true,
          // Lax: the provider's redirect back is a top-level GET, which carries Lax cookies.
          sameSite: 'lax',
          secure: opts.config.env === 'production',
          signed: true,
          maxAge: 10 * 60,
        })
        return reply.redirect(url, 302)
      } catch (err) {
        if (err instanceof AppError && err.code === 'SSO_NOT_CONFIGURED') return toLogin(reply, err.code)
        if (isDatabaseUnreachable(err)) return toLogin(reply, 'DATABASE_UNREACHABLE')
        request.log.warn({ err }, 'SSO start failed (provider unreachable?)')
        return toLogin(reply, 'SSO_FAILED')
      }
    },
  )

  fastify.get(
    '/auth/oidc/callback',
    { config: { public: true, rateLimit: { max: opts.config.loginRateLimit * 3, timeWindow: '1 minute' } }, schema: { tags: ['auth'], response: { 302: z.null() } } },
    async (request, reply) => {
      const flow = readFlow(request.cookies[FLOW_COOKIE], (v) => request.unsignCookie(v))
      if (!flow) return toLogin(reply, 'SSO_FAILED')
      const base = linkBase(request, opts.config.publicUrl)
      try {
        const { token, expiresAt } = await finishOidc(
          { ...fastify.deps, sessionTtlMs: opts.config.sessionTtlMs, log: request.log },
          { flow, callbackUrl: new URL(request.url, base) },
        )
        reply.clearCookie(FLOW_COOKIE, { path: FLOW_PATH }).setSessionCookie(token, expiresAt)
        return reply.redirect('/', 302)
      } catch (err) {
        if (err instanceof AppError) return toLogin(reply, err.code)
        if (isDatabaseUnreachable(err)) return toLogin(reply, 'DATABASE_UNREACHABLE')
        throw err
      }
    },
  )
}

function readFlow(raw: string | undefined, unsign: (v: string) => { valid: boolean; value: string | null }): OidcFlowState | null {
  if (!raw) return null
  const unsigned = unsign(raw)
  if (!unsigned.valid || !unsigned.value) return null
  try {
    const flow = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString()) as Partial<OidcFlowState>
    if ([flow.organizationId, flow.state, flow.nonce, flow.codeVerifier].every((v) => typeof v === 'string')) return flow as OidcFlowState
  } catch {
    // A cookie that is not ours: treated as no flow at all.
  }
  return null
}

export default routes
