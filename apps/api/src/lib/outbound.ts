import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { AppError } from '../errors.ts'

/**
 * Requests the server makes to URLs users give it (webhooks, push services). Without
 * `allowPrivate`, no loopback, private, link-local (cloud metadata), shared, multicast or
 * reserved address is reached: every address the host resolves to is checked, and the
 * connection goes to a checked address (the check runs in the socket's own lookup), so a
 * DNS answer that changes between a check and the request cannot slip through.
 */
export interface OutboundSettings {
  allowPrivate: boolean
  timeoutMs: number
}

const blocked = new net.BlockList()
for (const [prefix, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(prefix, bits, 'ipv4')
for (const [prefix, bits] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) blocked.addSubnet(prefix, bits, 'ipv6')

/** A loopback, private, link-local or otherwise non-public address (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return blocked.check(mapped[1]!, 'ipv4')
  const family = net.isIP(address)
  if (family === 0) return true
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

export class OutboundBlockedError extends Error {
  override name = 'OutboundBlockedError'
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '')

/** Refuses a URL that is not http(s) or whose host is (or resolves to) a non-public address. */
export async function checkOutboundUrl(raw: string, settings: Pick<OutboundSettings, 'allowPrivate'>, field = 'url'): Promise<void> {
  const url = URL.canParse(raw) ? new URL(raw) : null
  if (!url || !['http:', 'https:'].includes(url.protocol)) throw new AppError(400, 'VALIDATION_FAILED', `${field} must be an http or https URL`)
  if (settings.allowPrivate) return
  const host = hostOf(url)
  const addresses = net.isIP(host) ? [host] : await dns.promises.lookup(host, { all: true }).then((r) => r.map((a) => a.address), () => [])
  if (addresses.length === 0) throw new AppError(400, 'URL_NOT_ALLOWED', `${field}: ${host} does not resolve`)
  if (addresses.some(isPrivateAddress)) {
    throw new AppError(400, 'URL_NOT_ALLOWED', `${field} points at a private or loopback address; only public hosts are allowed`)
  }
}

/** The socket's lookup: resolves like the default, then refuses non-public answers. */
const guardedLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 4)
    const list = addresses as dns.LookupAddress[]
    const bad = list.find((a) => isPrivateAddress(a.address))
    if (bad) return callback(new OutboundBlockedError(`${hostname} resolves to ${bad.address}, a non-public address`), '', 4)
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list)
    callback(null, list[0]!.address, list[0]!.family)
  })
}

export interface OutboundResponse {
  status: number
  headers: http.IncomingHttpHeaders
  /** The first 2 KB of the answer, for the delivery log. */
  body: string
}

/**
 * POSTs `body` to `url` within `timeoutMs`. Rejects with OutboundBlockedError for a refused
 * address, and with the socket's error (ECONNREFUSED, a timeout) when there is no answer.
 */
export function postOutbound(
  raw: string,
  request: { body: string | Buffer; headers: Record<string, string> },
  settings: OutboundSettings,
  signal?: AbortSignal,
): Promise<OutboundResponse> {
  const url = new URL(raw)
  if (!['http:', 'https:'].includes(url.protocol)) return Promise.reject(new OutboundBlockedError(`${url.protocol} is not allowed`))
  // An IP literal never goes through lookup: check it here.
  const host = hostOf(url)
  if (!settings.allowPrivate && net.isIP(host) && isPrivateAddress(host)) {
    return Promise.reject(new OutboundBlockedError(`${host} is a non-public address`))
  }
  const lib = url.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        timeout: settings.timeoutMs,
        signal,
        // A fresh connection each time: a kept-alive socket the receiver closes while idle
        // would fail the next attempt with ECONNRESET, and calls are minutes apart anyway.
        agent: false,
        ...(settings.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => {
          if (size < 2048) chunks.push(c)
          size += c.length
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8').slice(0, 2048) }))
        res.on('error', reject)
      },
    )
    // The whole exchange, not only an idle socket, must finish in time.
    const timer = setTimeout(() => req.destroy(new OutboundTimeoutError(settings.timeoutMs)), settings.timeoutMs)
    req.on('timeout', () => req.destroy(new OutboundTimeoutError(settings.timeoutMs)))
    req.on('close', () => clearTimeout(timer))
    req.on('error', reject)
    req.end(request.body)
  })
}

export class OutboundTimeoutError extends Error {
  override name = 'OutboundTimeoutError'
  constructor(ms: number) {
    super(`no answer within ${ms} ms`)
  }
}
