import { createHash, randomBytes } from 'node:crypto'
import { AppError } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { authUserInclude, toAuthUser, type AuthUser } from './auth-user.ts'
import { hashPassword, verifyPassword } from './password.ts'

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

// Verified when the email is unknown, so a wrong email costs as long as a wrong password.
const decoyHash = hashPassword('decoy-password-for-unknown-users')

/**
 * Checks the credentials and opens a session. Unknown email and wrong password give the
 * same answer, in about the same time. Returns the cookie token (only its hash is stored).
 */
export async function signIn(
  deps: { prisma: PrismaClient; sessionTtlMs: number },
  input: { email: string; password: string },
): Promise<{ user: AuthUser; token: string; expiresAt: Date }> {
  const user = await deps.prisma.user.findUnique({ where: { email: input.email }, include: authUserInclude })
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash), input.password)
  // A deactivated person gets the same answer as a wrong password: nothing to learn from it.
  if (!user || !ok || !user.active) throw new AppError(401, 'INVALID_CREDENTIALS', 'Incorrect email or password')

  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + deps.sessionTtlMs)
  await deps.prisma.authSession.create({ data: { tokenHash: hashToken(token), userId: user.id, expiresAt } })
  return { user: toAuthUser(user), token, expiresAt }
}

export async function signOut(deps: { prisma: PrismaClient }, token: string): Promise<void> {
  await deps.prisma.authSession.deleteMany({ where: { tokenHash: hashToken(token) } })
}

/** The user a session token belongs to, or null when it is unknown or expired. */
export async function resolveSession(deps: { prisma: PrismaClient }, token: string): Promise<AuthUser | null> {
  const session = await deps.prisma.authSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { include: authUserInclude } },
  })
  if (!session || session.expiresAt <= new Date() || !session.user.active) return null
  return toAuthUser(session.user)
}
