import type { PrismaClient } from '../generated/prisma/client.ts'

/**
 * `Message.answeringSince` says "a process is answering this question". The process that
 * answers renews it every `ANSWER_MARK_RENEW_MS` while the model streams; a mark not renewed
 * for `ANSWER_MARK_STALE_MS` belongs to a process that died mid-reply, and Retry may take
 * the question over. Three renewals fit in the window, so one slow write never makes a
 * live reply look dead.
 */
export const ANSWER_MARK_STALE_MS = 30_000
export const ANSWER_MARK_RENEW_MS = 10_000

/** Whether a mark means "the assistant is answering this right now" (Message.answering on the wire). */
export const isAnswering = (since: Date | null, now = Date.now()) => since !== null && now - since.getTime() < ANSWER_MARK_STALE_MS

/** Keeps the mark on `messageId` fresh until the returned function is called. */
export function keepAnswerMarkFresh(prisma: PrismaClient, messageId: string, log: { warn(obj: unknown, msg: string): void }) {
  const timer = setInterval(() => {
    // Only while the mark is still ours to renew: once cleared, it stays cleared.
    prisma.message
      .updateMany({ where: { id: messageId, answeringSince: { not: null } }, data: { answeringSince: new Date() } })
      .catch((err: unknown) => log.warn({ err, messageId }, 'could not renew the answering mark'))
  }, ANSWER_MARK_RENEW_MS)
  timer.unref()
  return () => clearInterval(timer)
}
