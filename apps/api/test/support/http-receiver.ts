import { once } from 'node:events'
import http from 'node:http'

export interface ReceivedRequest {
  path: string
  method: string
  headers: http.IncomingHttpHeaders
  /** The raw body bytes as received (what a signature covers). */
  raw: Buffer
  at: number
}

/** What the receiver answers: a status (with headers), or no answer at all (a timeout). */
export type Reply = { status: number; headers?: Record<string, string>; body?: string } | 'hang'

/**
 * A real HTTP server standing in for a webhook receiver or a push service. `script(path,
 * n)` decides the answer to the n-th request (from 0) on that path; every request is kept.
 */
export async function startHttpReceiver(script: (path: string, n: number) => Reply = () => ({ status: 200 })) {
  const requests: ReceivedRequest[] = []
  const counts = new Map<string, number>()
  const hanging = new Set<http.ServerResponse>()
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const path = req.url ?? '/'
      const n = counts.get(path) ?? 0
      counts.set(path, n + 1)
      requests.push({ path, method: req.method ?? '', headers: req.headers, raw: Buffer.concat(chunks), at: Date.now() })
      const reply = script(path, n)
      if (reply === 'hang') {
        hanging.add(res)
        return
      }
      res.writeHead(reply.status, reply.headers).end(reply.body ?? '')
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    on: (path: string) => requests.filter((r) => r.path === path),
    async close() {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
export type HttpReceiver = Awaited<ReturnType<typeof startHttpReceiver>>
