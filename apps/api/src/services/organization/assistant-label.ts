import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Assistant } from '../../llm/assistant.ts'
import type { AuthUser } from '../auth/auth-user.ts'

/**
 * What users see beside the assistant: the organization's model label when a real model
 * answers; the offline assistant always says it is offline, whatever the label.
 */
export async function assistantLabel(deps: { prisma: PrismaClient; assistant: Assistant }, input: { user: AuthUser }) {
  if (deps.assistant.kind !== 'openai') return deps.assistant.label
  const org = await deps.prisma.organization.findUnique({ where: { id: input.user.organizationId }, select: { llmModelLabel: true } })
  return org?.llmModelLabel ?? deps.assistant.label
}
