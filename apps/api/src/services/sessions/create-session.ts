import type { PrismaClient } from '../../generated/prisma/client.ts'
import { sessionInclude, toWireSession } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'

export const DEFAULT_SESSION_TITLE = 'New session'

export async function createSession(deps: { prisma: PrismaClient }, input: { user: AuthUser; title?: string }) {
  const { user } = input
  const row = await deps.prisma.chatSession.create({
    data: { organizationId: user.organizationId, createdById: user.id, title: input.title ?? DEFAULT_SESSION_TITLE },
    include: sessionInclude,
  })
  return toWireSession(row)
}
