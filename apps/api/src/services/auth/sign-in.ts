import { createHash, randomBytes } from 'node:crypto'
import { AppError } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import { authUserInclude, toAuthUser, type AuthUser } from './auth-user.ts'
import { clearLoginAttempts, reserveLoginAttempt, type LoginLockoutPolicy } from './login-throttle.ts'
import { hashPassword, verifyPassword } from './password.ts'
import type { SessionCache } from './session-cache.ts'

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

// Verified when the email is unknown, so a wrong email costs as long as a wrong password.
const decoyHash = hashPassword('decoy-password-for-unknown-users')

/**
 * Checks the credentials and opens a session. Unknown email and wrong password give the
 * same answer, in about the same time (a decoy hash is verified for an unknown one), and
 * the same per-account lock-out. Returns the cookie token (only its hash is stored).
 */
export async function signIn(
  deps: { prisma: PrismaClient; sessionTtlMs: number; lockout: LoginLockoutPolicy },
  input: { email: string; password: string },
): Promise<{ user: AuthUser; token: string; expiresAt: Date }> {
  await reserveLoginAttempt(deps.prisma, deps.lockout, input.email)
  const user = await deps.prisma.user.findUnique({ where: { email: input.email }, include: authUserInclude })
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash), input.password)
  // A deactivated person gets the same answer as a wrong password: nothing to learn from it.
  if (!user || !ok || !user.active) throw new AppError(401, 'INVALID_CREDENTIALS', 'Incorrect email or password')
  await clearLoginAttempts(deps.prisma, input.email)

  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + deps.sessionTtlMs)
  await deps.prisma.authSession.create({ data: { tokenHash: hashToken(token), userId: user.id, expiresAt } })
  return { user: toAuthUser(user), token, expiresAt }
}

/**
 * Ends the sign-in session and, on every replica, the live streams it opened (the internal
 * `session_revoked` bus event, keyed by the session's token hash; see routes/api/events.ts).
 */
export async function signOut(deps: { prisma: PrismaClient; bus: Bus }, token: string): Promise<void> {
  const tokenHash = hashToken(token)
  const session = await deps.prisma.authSession.findUnique({
    where: { tokenHash },
    select: { userId: true, user: { select: { organizationId: true } } },
  })
  await deps.prisma.authSession.deleteMany({ where: { tokenHash } })
  if (!session) return
  void deps.bus.publish({
    id: '',
    organizationId: session.user.organizationId,
    userId: session.userId,
    type: 'session_revoked',
    payload: { auth_session_id: tokenHash },
  })
}

/**
 * The user a session token belongs to, or null when it is unknown or expired: from this
 * replica's cache (see session-cache.ts), or one query.
 */
export async function resolveSession(deps: { prisma: PrismaClient; cache: SessionCache }, token: string): Promise<AuthUser | null> {
  const tokenHash = hashToken(token)
  const cached = deps.cache.get(tokenHash)
  if (cached) return cached
  const epoch = deps.cache.epoch()
  const session = await deps.prisma.authSession.findUnique({
    where: { tokenHash },
    include: { user: { include: authUserInclude } },
  })
  if (!session || session.expiresAt <= new Date() || !session.user.active) return null
  const user = toAuthUser(session.user)
  deps.cache.set(tokenHash, user, session.expiresAt, epoch)
  return user
}
