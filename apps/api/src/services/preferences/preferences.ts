import type { Preferences } from '@resolutionflow/shared/preferences.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'

const select = { notifyDesktop: true, notifyPush: true, notifyEmail: true } as const
const toWire = (u: { notifyDesktop: boolean; notifyPush: boolean; notifyEmail: boolean }): Preferences => ({
  desktop: u.notifyDesktop,
  push: u.notifyPush,
  email: u.notifyEmail,
})

export async function getPreferences(deps: { prisma: PrismaClient }, { user }: { user: AuthUser }): Promise<Preferences> {
  return toWire(await deps.prisma.user.findUniqueOrThrow({ where: { id: user.id }, select }))
}

/** Sets the given switches; e-mail and push deliveries read them when they are sent. */
export async function updatePreferences(
  deps: { prisma: PrismaClient },
  input: Partial<Preferences> & { user: AuthUser },
): Promise<Preferences> {
  const { user } = input
  const row = await deps.prisma.user.update({
    where: { id: user.id },
    data: { notifyDesktop: input.desktop, notifyPush: input.push, notifyEmail: input.email },
    select,
  })
  return toWire(row)
}
