import { createHmac } from 'node:crypto'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import type { JobQueue } from '../../lib/job-queue.ts'
import { OutboundBlockedError, postOutbound, type OutboundSettings } from '../../lib/outbound.ts'
import { transactWithEvents } from '../../lib/outbox.ts'

export interface DeliverDeps {
  prisma: PrismaClient
  bus: Bus
  jobs: JobQueue
  outbound: OutboundSettings
  retry: { retryBaseMs: number; retryMaxAgeS: number }
}

/** The longest wait between two attempts. */
const MAX_BACKOFF_MS = 60 * 60 * 1000

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the receiver recomputes it and rejects old `t`s. */
export function signWebhook(secret: string, body: string, t: number): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`
}

type Outcome =
  | { status: 'succeeded'; code: number }
  | { status: 'failed'; code: number | null; error: string }
  | { status: 'retry'; code: number | null; error: string; afterMs?: number }

/**
 * The `deliver-webhook` job: one attempt of one delivery. A 2xx succeeds; a 4xx fails for
 * good, except 429, which waits as long as Retry-After says; a 5xx, a timeout or a refused
 * connection is tried again after an exponential backoff (base × 2^attempt, at most 1 h)
 * until 24 h after the event. The next attempt is a new job sent in the transaction that
 * logs this one, so a retry survives restarts. `attempt` must match the row: a job run
 * twice (a crash after the request) logs one attempt and schedules one retry.
 */
export async function deliverWebhook(deps: DeliverDeps, input: { deliveryId: string; attempt: number; signal?: AbortSignal }) {
  const delivery = await deps.prisma.webhookDelivery.findUnique({ where: { id: input.deliveryId }, include: { webhook: true } })
  if (!delivery || delivery.status !== 'pending' || delivery.attempts !== input.attempt) return 'skipped'

  const t = Math.floor(Date.now() / 1000)
  const outcome = await attempt(deps, delivery, t, input.signal)
  input.signal?.throwIfAborted()
  const now = new Date()
  let next: Date | null = null
  if (outcome.status === 'retry') {
    const backoff = Math.min(MAX_BACKOFF_MS, deps.retry.retryBaseMs * 2 ** input.attempt)
    // A 429's Retry-After is honoured as given; anything else backs off.
    next = new Date(now.getTime() + (outcome.afterMs ?? backoff))
    if (next.getTime() > delivery.createdAt.getTime() + deps.retry.retryMaxAgeS * 1000) next = null
  }
  const status = outcome.status === 'succeeded' ? 'succeeded' : next ? 'pending' : 'failed'
  const error = outcome.status === 'succeeded' ? null : outcome.status === 'retry' && !next ? `${outcome.error} (gave up: retries end 24 h after the event)` : outcome.error
  await transactWithEvents(deps, async (tx, _record, enqueue) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: 'pending', attempts: input.attempt },
      data: {
        attempts: input.attempt + 1,
        status,
        lastStatusCode: outcome.code,
        lastError: error,
        nextAttemptAt: next,
        deliveredAt: status === 'succeeded' ? now : null,
      },
    })
    if (count === 1 && next) await enqueue('deliver-webhook', { delivery_id: delivery.id, attempt: input.attempt + 1 }, { startAfter: next })
  })
  return status
}

async function attempt(
  deps: DeliverDeps,
  delivery: { id: string; eventType: string; body: string; webhook: { url: string; secret: string } },
  t: number,
  signal?: AbortSignal,
): Promise<Outcome> {
  try {
    const res = await postOutbound(
      delivery.webhook.url,
      {
        body: delivery.body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'ResolutionFlow-Webhooks/1',
          'resolutionflow-signature': signWebhook(delivery.webhook.secret, delivery.body, t),
          'resolutionflow-event': delivery.eventType,
          'resolutionflow-delivery': delivery.id,
        },
      },
      deps.outbound,
      signal,
    )
    if (res.status >= 200 && res.status < 300) return { status: 'succeeded', code: res.status }
    const error = `HTTP ${res.status}${res.body ? `: ${res.body.slice(0, 200)}` : ''}`
    if (res.status === 429) return { status: 'retry', code: 429, error, afterMs: retryAfterMs(res.headers['retry-after']) }
    if (res.status >= 500) return { status: 'retry', code: res.status, error }
    return { status: 'failed', code: res.status, error }
  } catch (err) {
    if (signal?.aborted) throw err
    if (err instanceof OutboundBlockedError) return { status: 'failed', code: null, error: `Refused: ${err.message}` }
    return { status: 'retry', code: null, error: (err as Error).message || String(err) }
  }
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable (the backoff applies). */
function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header
  if (!value) return undefined
  if (/^\d+$/.test(value.trim())) return Math.min(Number(value) * 1000, 24 * 60 * 60 * 1000)
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now())
}
