import type { Assistant } from './assistant.ts'
import { createOfflineAssistant } from './offline-assistant.ts'
import { createOpenAiAssistant } from './openai-assistant.ts'

export interface AssistantConfig {
  openaiApiKey?: string
  /** For Ollama, vLLM, LM Studio or any OpenAI-compatible server. */
  openaiBaseUrl?: string
  llmModel: string
  llmTimeoutMs?: number
}

/**
 * The OpenAI-compatible assistant when an API key is configured, otherwise the offline one.
 * Local servers (Ollama, LM Studio) ignore the key but still need one set to be chosen: any
 * placeholder such as "ollama" works.
 */
export function createAssistant(config: AssistantConfig): Assistant {
  if (!config.openaiApiKey) return createOfflineAssistant()
  return createOpenAiAssistant({
    apiKey: config.openaiApiKey,
    baseURL: config.openaiBaseUrl,
    model: config.llmModel,
    timeoutMs: config.llmTimeoutMs,
  })
}
