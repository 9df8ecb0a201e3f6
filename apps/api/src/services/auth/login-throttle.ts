import { AppError } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'

export interface LoginLockoutPolicy {
  /** Failures within `windowMs` after which each further attempt waits. */
  threshold: number
  windowMs: number
  /** The first wait; it doubles with each failure past the threshold, up to `maxLockMs`. */
  baseLockMs: number
  maxLockMs: number
}

/**
 * Counts a sign-in attempt for an account before its password is checked, or refuses it
 * while the account is locked. Counting first (one row lock per account) means a burst of
 * parallel guesses cannot all be checked before the count catches up.
 *
 * The lock is backoff, never permanent: it runs out by itself (at most `maxLockMs`), and
 * the count starts again once no attempt came for `windowMs`, so an attacker can slow a
 * victim's sign-in down but cannot lock them out for good. Unknown e-mails are counted
 * and locked exactly like real ones: a lock says nothing about whether an account exists.
 */
export async function reserveLoginAttempt(
  prisma: PrismaClient,
  policy: LoginLockoutPolicy,
  email: string,
  now = new Date(),
): Promise<void> {
  const waitMs = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO "LoginThrottle" ("email", "failures", "lastFailureAt") VALUES (${email}, 0, ${now}) ON CONFLICT DO NOTHING`
    const [row] = await tx.$queryRaw<Array<{ failures: number; lastFailureAt: Date; lockedUntil: Date | null }>>`
      SELECT "failures", "lastFailureAt", "lockedUntil" FROM "LoginThrottle" WHERE "email" = ${email} FOR UPDATE`
    if (!row) return 0
    if (row.lockedUntil && row.lockedUntil > now) return row.lockedUntil.getTime() - now.getTime()
    const stale = now.getTime() - row.lastFailureAt.getTime() > policy.windowMs
    const failures = (stale ? 0 : row.failures) + 1
    const lockMs =
      failures >= policy.threshold ? Math.min(policy.baseLockMs * 2 ** (failures - policy.threshold), policy.maxLockMs) : 0
    await tx.loginThrottle.update({
      where: { email },
      data: { failures, lastFailureAt: now, lockedUntil: lockMs ? new Date(now.getTime() + lockMs) : null },
    })
    return 0
  })
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000)
    throw new AppError(429, 'RATE_LIMITED', `Too many failed sign-ins for this account. Try again in ${seconds} s.`, { retry_after_s: seconds })
  }
}

/** A successful sign-in: the account's count starts again. */
export async function clearLoginAttempts(prisma: PrismaClient, email: string): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { email } })
}
