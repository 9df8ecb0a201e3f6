import { DomainEventTypes, LiveEventPayloadSchemas } from '@resolutionflow/shared/events.ts'
import { EventSource } from 'eventsource'

export interface ReceivedEvent {
  id: string
  type: string
  data: any
}

/**
 * A real EventSource (the `eventsource` package: the browser's API, over HTTP) on the
 * app's `/api/events`, signed in through the cookie. Collects every domain event.
 */
export function openEventStream(baseUrl: string, cookie: string) {
  const received: ReceivedEvent[] = []
  const waiters = new Set<() => void>()
  const source = new EventSource(`${baseUrl}/api/events`, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, cookie } }),
  })
  const ready = new Promise<void>((resolve, reject) => {
    source.addEventListener('ready', () => resolve(), { once: true })
    source.addEventListener('error', (e) => reject(new Error(`event stream failed: ${e.message ?? e.code}`)), { once: true })
  })
  const types = [...DomainEventTypes, ...Object.keys(LiveEventPayloadSchemas)]
  for (const type of types) {
    source.addEventListener(type, (e) => {
      received.push({ id: e.lastEventId, type, data: JSON.parse(e.data) })
      for (const w of waiters) w()
    })
  }
  return {
    source,
    received,
    ready,
    /** Resolves when an event matching `predicate` has arrived (rejects after `timeoutMs`). */
    waitFor(predicate: (e: ReceivedEvent) => boolean, timeoutMs = 10_000): Promise<ReceivedEvent> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = received.find(predicate)
          if (!hit) return
          waiters.delete(check)
          clearTimeout(timer)
          resolve(hit)
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`timed out waiting for an event; received: ${received.map((e) => e.type).join(', ')}`))
        }, timeoutMs)
        waiters.add(check)
        check()
      })
    },
    close: () => source.close(),
  }
}

/** Reads an SSE response body into events (for inject bodies and raw fetch streams). */
export function parseSse(text: string): Array<{ id?: string; event?: string; data?: string; comment?: string }> {
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const out: { id?: string; event?: string; data?: string; comment?: string } = {}
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) out.comment = line.slice(1).trim()
        else {
          const i = line.indexOf(':')
          const field = line.slice(0, i)
          const value = line.slice(i + 1).replace(/^ /, '')
          if (field === 'data') out.data = out.data === undefined ? value : `${out.data}\n${value}`
          else if (field === 'id' || field === 'event') out[field] = value
        }
      }
      return out
    })
}
