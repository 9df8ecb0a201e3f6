import { ChatStreamEventSchemas } from '@resolutionflow/shared/sessions.ts'

/** One event of a streamed chat reply, its payload validated against the wire schema. */
export interface ChatStreamRecord {
  event: keyof typeof ChatStreamEventSchemas
  data: any
}

/**
 * The events of a streamed reply (`POST /api/sessions/:id/messages`, `Accept: text/event-stream`)
 * from a whole body, e.g. an `inject` payload. An event the contract does not name, or a payload
 * that does not match its schema, throws: the test then fails on the wire format itself.
 */
export function parseChatStream(body: string): ChatStreamRecord[] {
  const { events, rest } = splitEvents(body)
  if (rest.trim()) throw new Error(`unterminated SSE event at the end of the body: ${JSON.stringify(rest)}`)
  return events
}

/**
 * Reads a fetch response body event by event as the bytes arrive, calling `onEvent` for each,
 * and resolves with all of them when the stream ends. Rejects if the read fails (e.g. aborted).
 */
export async function readChatStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: ChatStreamRecord) => void = () => {},
): Promise<ChatStreamRecord[]> {
  const all: ChatStreamRecord[] = []
  const decoder = new TextDecoder()
  let buffer = ''
  for await (const bytes of body) {
    buffer += decoder.decode(bytes, { stream: true })
    const { events, rest } = splitEvents(buffer)
    buffer = rest
    for (const event of events) {
      all.push(event)
      onEvent(event)
    }
  }
  if (buffer.trim()) throw new Error(`unterminated SSE event at the end of the stream: ${JSON.stringify(buffer)}`)
  return all
}

function splitEvents(text: string): { events: ChatStreamRecord[]; rest: string } {
  const blocks = text.split('\n\n')
  const rest = blocks.pop() ?? ''
  const events: ChatStreamRecord[] = []
  for (const block of blocks) {
    let event: string | undefined
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon === -1 ? line : line.slice(0, colon)
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
      if (field === 'event') event = value
      else if (field === 'data') data.push(value)
    }
    if (event === undefined && data.length === 0) continue
    if (!event || !(event in ChatStreamEventSchemas)) throw new Error(`unexpected SSE event ${JSON.stringify(event)}`)
    const name = event as keyof typeof ChatStreamEventSchemas
    events.push({ event: name, data: ChatStreamEventSchemas[name].parse(JSON.parse(data.join('\n'))) })
  }
  return { events, rest }
}

/** The deltas of a stream, concatenated. */
export const streamedText = (events: ChatStreamRecord[]) =>
  events
    .filter((e) => e.event === 'delta')
    .map((e) => e.data.text as string)
    .join('')
