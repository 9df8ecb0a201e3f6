export type SseMessage = { event: string; data: string; id?: string }

/** Parses one SSE block (the lines between two blank lines); null for comment-only blocks such as heartbeats. */
function parseBlock(block: string): SseMessage | null {
  let event = 'message'
  let id: string | undefined
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    // The spec strips exactly one space after the colon.
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') event = value
    else if (field === 'data') data.push(value)
    else if (field === 'id') id = value
  }
  if (data.length === 0) return null
  return { event, data: data.join('\n'), id }
}

/**
 * Reads a `text/event-stream` response body (fetch, not EventSource, because
 * the chat reply is the answer to a POST) and yields each event as it completes.
 * Chunks may split an event, or a multi-byte character, anywhere.
 */
export async function* readSseStream(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  let finished = false
  try {
    for (;;) {
      const { value, done } = await reader.read()
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true })
      buffer = buffer.replace(/\r\n/g, '\n')
      let boundary = buffer.indexOf('\n\n')
      while (boundary !== -1) {
        const message = parseBlock(buffer.slice(0, boundary))
        buffer = buffer.slice(boundary + 2)
        if (message) yield message
        boundary = buffer.indexOf('\n\n')
      }
      if (done) {
        const last = parseBlock(buffer)
        finished = true
        if (last) yield last
        return
      }
    }
  } finally {
    // The consumer stopped early (e.g. on an `error` event): release the connection.
    if (!finished) await reader.cancel().catch(() => undefined)
  }
}
