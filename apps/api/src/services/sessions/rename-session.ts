import type { PrismaClient } from '../../generated/prisma/client.ts'
import { sessionInclude, toWireSession } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { findSessionFor } from './session-access.ts'

export async function renameSession(deps: { prisma: PrismaClient }, { user, sessionId, title }: { user: AuthUser; sessionId: string; title: string }) {
  await findSessionFor(deps.prisma, user, sessionId, 'write')
  const row = await deps.prisma.chatSession.update({ where: { id: sessionId }, data: { title }, include: sessionInclude })
  return toWireSession(row)
}
