import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import type { Assistant } from '../../llm/assistant.ts'
import { createAssistant } from '../../llm/create-assistant.ts'

declare module 'fastify' {
  interface FastifyInstance {
    assistant: Assistant
  }
}

/** The OpenAI-compatible assistant when OPENAI_API_KEY is set, the offline one otherwise. */
export default fp(
  async (fastify, opts: { config: Config }) => {
    const assistant = createAssistant(opts.config.llm)
    fastify.log.info({ assistant: assistant.kind, label: assistant.label }, 'assistant ready')
    fastify.decorate('assistant', assistant)
  },
  { name: 'assistant' },
)
