import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

export interface TestAccount {
  email: string
  name: string
  email_verified?: boolean
}

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on a free local port, with
 * one confidential client. Its login screen is replaced by `nextAccount`: whoever the test
 * puts there is signed in and consents at once, so a flow runs without a form to fill.
 */
export async function startOidcProvider(options: { clientId: string; clientSecret: string; redirectUri: string }) {
  let nextAccount: TestAccount = { email: 'nobody@example.com', name: 'Nobody' }
  const accounts = new Map<string, TestAccount>()
  let handler: http.RequestListener = (_req, res) => res.end()
  const server = http.createServer((req, res) => handler(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    async findAccount(_ctx, id) {
      const account = accounts.get(id)
      if (!account) return undefined
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: account.email, email_verified: account.email_verified ?? true, name: account.name }
        },
      }
    },
    cookies: { keys: ['test-provider-cookie-key'] },
    // The interaction is ours (above); short lifetimes keep the warnings about defaults quiet.
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  })
  provider.on('server_error', (_ctx, err) => console.error('oidc-provider server_error', err))

  const callback = provider.callback()
  handler = async (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res)
    try {
      const details = await provider.interactionDetails(req, res)
      const account = nextAccount
      const accountId = `sub-${account.email}`
      accounts.set(accountId, account)
      const grant = new provider.Grant({ accountId, clientId: details.params.client_id as string })
      grant.addOIDCScope('openid email profile')
      const grantId = await grant.save()
      await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false })
    } catch (err) {
      res.statusCode = 500
      res.end(String(err))
    }
  }

  return {
    issuer,
    /** Who signs in at the provider on the next flow. */
    signInAs(account: TestAccount) {
      nextAccount = account
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/**
 * Follows a browser's redirects by hand from the app's SSO start to the app's callback,
 * keeping each host's cookies. Returns the callback URL the provider sent the browser to
 * (so a test can tamper with it) and the app's cookies so far.
 */
export async function runToCallback(startUrl: string): Promise<{ callbackUrl: URL; appCookies: Map<string, string> }> {
  const jars = new Map<string, Map<string, string>>()
  const jarOf = (url: URL) => jars.get(url.host) ?? jars.set(url.host, new Map()).get(url.host)!
  let url = new URL(startUrl)
  const appHost = url.host
  for (let hop = 0; hop < 10; hop++) {
    const jar = jarOf(url)
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } })
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const i = pair!.indexOf('=')
      jar.set(pair!.slice(0, i).trim(), pair!.slice(i + 1))
    }
    const location = res.headers.get('location')
    if (!location) throw new Error(`no redirect from ${url.href}: ${res.status} ${await res.text()}`)
    const next = new URL(location, url)
    if (next.host === appHost && next.pathname.endsWith('/callback')) return { callbackUrl: next, appCookies: jarOf(next) }
    if (next.host === appHost) throw new Error(`the app redirected to ${next.href} before the provider`)
    url = next
  }
  throw new Error('too many redirects')
}
