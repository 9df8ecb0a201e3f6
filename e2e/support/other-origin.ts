import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A server on another port of 127.0.0.1: the same *site* as the app (so its SameSite=Lax
 * cookie still rides along) but another *origin*. It serves the pages a test gives it and
 * records every request it receives (what a tracking pixel would see).
 */
export async function startOtherOrigin(pages: Record<string, string> = {}) {
  const received: string[] = []
  const server = http.createServer((req, res) => {
    received.push(req.url ?? '')
    const page = pages[(req.url ?? '').split('?')[0]!]
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      return res.end(page)
    }
    // A 1×1 transparent GIF, for anything that asks for an image.
    res.writeHead(200, { 'content-type': 'image/gif' })
    res.end(Buffer.from('R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==', 'base64'))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    received,
    pages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
