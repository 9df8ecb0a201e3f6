import * as client from 'openid-client'

const TTL_MS = 10 * 60_000
const cache = new Map<string, { at: number; config: Promise<client.Configuration> }>()

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)

/**
 * The provider's discovered configuration for an organization's client, cached for 10
 * minutes (discovery is an HTTP round trip). Plain http is allowed only for a provider on
 * this machine (development, tests); anywhere else openid-client insists on https.
 */
export function oidcConfiguration(sso: { issuer: string; clientId: string; clientSecret: string | null }): Promise<client.Configuration> {
  const key = JSON.stringify(sso)
  const hit = cache.get(key)
  if (hit && Date.now() - hit.at < TTL_MS) return hit.config
  const issuer = new URL(sso.issuer)
  const config = client.discovery(
    issuer,
    sso.clientId,
    sso.clientSecret ?? undefined,
    sso.clientSecret ? undefined : client.None(),
    issuer.protocol === 'http:' && isLoopback(issuer) ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
  )
  cache.set(key, { at: Date.now(), config })
  // A failed discovery is not cached: the next attempt asks the provider again.
  config.catch(() => cache.delete(key))
  return config
}
