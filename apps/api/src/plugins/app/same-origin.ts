import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import { AppError } from '../../errors.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

const crossSite = () =>
  new AppError(403, 'CROSS_SITE_REQUEST', 'Requests that change something must come from this app’s own pages')

/** The request carries a body (a length above zero, or a chunked upload). */
const hasBody = (request: FastifyRequest) =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0

/** The serialized origin of a URL, or null (never equal to ours) when it is not one, e.g. `Origin: null`. */
const originOf = (url: string) => (URL.canParse(url) ? new URL(url).origin : null)

const isJson = (contentType: string | undefined) =>
  contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType)

/**
 * Cross-site request forgery: the session cookie is SameSite=Lax, which a page on the same
 * *site* (another port of the host, a sibling subdomain) still gets attached, and browsers
 * send "simple" POSTs (no body, text/plain, forms) without a CORS preflight. So every
 * state-changing request must prove it is same-origin:
 *
 * - `Sec-Fetch-Site`, when present, must be `same-origin`;
 * - `Origin`, when present, must be the app's own origin (APP_ORIGIN, or the scheme and Host
 *   the request came to);
 * - a body must be `application/json`, which no form and no no-cors fetch can send.
 *
 * A request with neither header is not from a browser's page: every current browser sends
 * `Origin` on a cross-origin POST and `Sec-Fetch-Site` on every request to a secure or local
 * origin. Such requests (curl, scripts, the API tests' inject) pass on their cookie alone,
 * as they would with any token scheme whose token they hold.
 */
export default fp(
  async (fastify, opts: { config: Config }) => {
    // Through URL, so `Host: example.com:443` over https and `Origin: https://example.com` agree.
    const ownOrigin = (request: FastifyRequest) => opts.config.appOrigin ?? originOf(`${request.protocol}://${request.host}`)

    fastify.addHook('onRequest', async (request) => {
      if (SAFE_METHODS.has(request.method)) return
      const fetchSite = request.headers['sec-fetch-site']
      if (fetchSite !== undefined && fetchSite !== 'same-origin') throw crossSite()
      const origin = request.headers.origin
      if (origin !== undefined && originOf(origin) !== ownOrigin(request)) throw crossSite()
      if (hasBody(request) && !isJson(request.headers['content-type'])) {
        throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json')
      }
    })
  },
  { name: 'same-origin' },
)
