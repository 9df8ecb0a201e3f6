import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../support/fake-openai-server.ts'

let server: FakeOpenAiServer
let t: TestApp
beforeAll(async () => {
  server = await startFakeOpenAiServer({
    // The seeded escalation's assessment is written at boot through this server.
    fallback: () => ({
      kind: 'json',
      content: JSON.stringify({ summary_prose: 'x', what_we_know: [], likely_cause: 'y', suggested_steps: [], confidence: 'low' }),
    }),
  })
  t = await buildTestApp({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.baseURL, LLM_MODEL: 'gpt-4o-mini' })
})
afterAll(async () => {
  await t?.close()
  await server?.close()
})

describe('the model label from the organization settings', () => {
  it("shows the model's id until an admin sets a label, then the label, to that organization only", async () => {
    const morgan = await t.login('morgan')
    const jamie = await t.login('jamie')
    const alex = await t.login('alex')
    const label = async (cookie: string) => (await t.app.inject({ url: '/api/assistant', headers: { cookie } })).json()
    expect(await label(jamie)).toEqual({ kind: 'openai', label: 'gpt-4o-mini' })
    const res = await t.app.inject({ method: 'PATCH', url: '/api/organization', headers: { cookie: morgan }, payload: { llm_model_label: 'GPT-4o mini (EU)' } })
    expect(res.statusCode).toBe(200)
    expect(await label(jamie)).toEqual({ kind: 'openai', label: 'GPT-4o mini (EU)' })
    expect(await label(alex)).toEqual({ kind: 'openai', label: 'gpt-4o-mini' })
  })
})
