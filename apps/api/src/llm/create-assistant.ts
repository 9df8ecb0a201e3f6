import type { Assistant } from './assistant.ts'
import { createOfflineAssistant } from './offline-assistant.ts'
import { createOpenAiAssistant } from './openai-assistant.ts'

export interface AssistantConfig {
  openaiApiKey?: string
  /** For Ollama, vLLM, LM Studio or any OpenAI-compatible server. */
  openaiBaseUrl?: string
  llmModel: string
  llmTimeoutMs?: number
  /** Pause between the offline assistant's streamed chunks, so its replies read like typing. */
  offlineStreamDelayMs?: number
}

/**
 * The OpenAI-compatible assistant when an API key is configured, otherwise the offline one.
 * Local servers (Ollama, LM Studio) ignore the key but still need one set to be chosen: any
 * placeholder such as "ollama" works.
 */
export function createAssistant(config: AssistantConfig): Assistant {
  if (!config.openaiApiKey) return createOfflineAssistant({ chunkDelayMs: config.offlineStreamDelayMs ?? 0 })
  return createOpenAiAssistant({
    apiKey: config.openaiApiKey,
    baseURL: config.openaiBaseUrl,
    model: config.llmModel,
    timeoutMs: config.llmTimeoutMs,
  })
}
