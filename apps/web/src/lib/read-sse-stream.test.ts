import { describe, expect, it } from 'vitest'
import { readSseStream, type SseMessage } from './read-sse-stream.ts'

function streamOf(chunks: Array<string | Uint8Array>) {
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk)
      controller.close()
    },
  })
}

async function collect(chunks: Array<string | Uint8Array>) {
  const events: SseMessage[] = []
  for await (const event of readSseStream(streamOf(chunks))) events.push(event)
  return events
}

describe('readSseStream', () => {
  it('yields events split anywhere across chunks', async () => {
    const events = await collect(['event: del', 'ta\ndata: {"text":"Hel', 'lo"}\n', '\nevent: done\ndata: {}\n\n'])
    expect(events).toEqual([
      { event: 'delta', data: '{"text":"Hello"}', id: undefined },
      { event: 'done', data: '{}', id: undefined },
    ])
  })

  it('joins multi-line data, reads ids, skips comments and heartbeats, accepts CRLF', async () => {
    const events = await collect([': heartbeat\n\n', 'id: 7\r\nevent: note\r\ndata: line one\r\ndata: line two\r\n\r\n'])
    expect(events).toEqual([{ event: 'note', data: 'line one\nline two', id: '7' }])
  })

  it('keeps a multi-byte character split between chunks intact', async () => {
    const bytes = new TextEncoder().encode('data: café ✓\n\n')
    const events = await collect([bytes.slice(0, 10), bytes.slice(10)])
    expect(events).toEqual([{ event: 'message', data: 'café ✓', id: undefined }])
  })

  it('delivers a last event that lacks the closing blank line', async () => {
    expect(await collect(['event: done\ndata: {}'])).toEqual([{ event: 'done', data: '{}', id: undefined }])
  })
})
