import { describe, expect, it } from 'vitest'
import { createAssistant } from '../../src/llm/create-assistant.ts'
import { startFakeOpenAiServer } from '../support/fake-openai-server.ts'

describe('createAssistant', () => {
  it('is the offline assistant without an API key', () => {
    const assistant = createAssistant({ llmModel: 'gpt-4o-mini', openaiBaseUrl: 'http://127.0.0.1:1/v1' })
    expect(assistant.kind).toBe('offline')
    expect(assistant.label).toBe('Offline assistant')
  })

  it('is the OpenAI-compatible assistant, talking to the configured server, with a key', async () => {
    const server = await startFakeOpenAiServer({ fallback: { kind: 'stream', text: 'hello from the model' } })
    try {
      const assistant = createAssistant({ openaiApiKey: 'sk-test', openaiBaseUrl: server.baseURL, llmModel: 'llama3.1' })
      expect(assistant.kind).toBe('openai')
      expect(assistant.label).toBe('llama3.1')

      const reply = await assistant.reply({ title: 't', messages: [{ role: 'user', content: 'hi' }], taskLane: [] })
      expect(reply.text).toBe('hello from the model')
      expect(server.requests[0]!.body.model).toBe('llama3.1')
      expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-test')
    } finally {
      await server.close()
    }
  })
})
