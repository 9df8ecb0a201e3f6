import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { ConversationInput } from '../../llm/assistant.ts'
import type { Tx } from '../../lib/outbox.ts'

/** What a model reads of a session: its turns (with who wrote them) and the task lane with statuses. */
export async function buildConversation(db: PrismaClient | Tx, sessionId: string): Promise<ConversationInput> {
  const session = await db.chatSession.findUniqueOrThrow({
    where: { id: sessionId },
    include: {
      messages: { include: { author: { select: { name: true } } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      tasks: { orderBy: { position: 'asc' } },
    },
  })
  // A cut-off reply after the latest question is no answer: when the model is asked again
  // (Retry) it must see the question last, not its own broken sentence.
  let end = session.messages.length
  while (end > 0 && session.messages[end - 1]!.role === 'assistant' && session.messages[end - 1]!.incomplete) end--
  return {
    title: session.title,
    messages: session.messages.slice(0, end).map((m) => ({
      role: m.role,
      content: m.content,
      ...(m.author ? { authorName: m.author.name } : {}),
    })),
    taskLane: session.tasks.map((t) => ({ title: t.title, detail: t.detail, status: t.status })),
  }
}
