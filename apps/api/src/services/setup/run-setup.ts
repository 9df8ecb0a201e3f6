import type { SetupRequest } from '@resolutionflow/shared/team.ts'
import { AppError } from '../../errors.ts'
import { DEMO_USERS } from '../../db/seed-demo.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { authUserInclude, toAuthUser, type AuthUser } from '../auth/auth-user.ts'
import { openSession } from '../auth/open-session.ts'
import { hashPassword } from '../auth/password.ts'
import { recordAudit } from '../audit/record-audit.ts'
import { checkPasswordStrength } from '../team/check-password.ts'
import { uniqueSlug } from './slug.ts'

// Any constant: the advisory lock that makes "no organization yet" and the insert one step.
const SETUP_LOCK = 7_114_211

export async function setupNeeded(deps: { prisma: PrismaClient }): Promise<boolean> {
  return (await deps.prisma.organization.count()) === 0
}

/** First-run state for the signed-out pages: setup still to do, and whether the demo accounts exist. */
export async function setupStatus(deps: { prisma: PrismaClient }) {
  const [organizations, demo] = await Promise.all([
    deps.prisma.organization.count(),
    deps.prisma.user.count({ where: { email: DEMO_USERS.jamie.email, active: true } }),
  ])
  return { needed: organizations === 0, demo_accounts: demo > 0 }
}

/**
 * First run: creates the organization and its first admin, signed in. Works once: the
 * transaction takes an advisory lock before counting organizations, so two racing setups
 * are serialized and the second sees the first's organization and gets 409 SETUP_DONE.
 */
export async function runSetup(
  deps: { prisma: PrismaClient; sessionTtlMs: number },
  input: SetupRequest,
): Promise<{ user: AuthUser; token: string; expiresAt: Date }> {
  if (!(await setupNeeded(deps))) throw setupDone()
  checkPasswordStrength('password', input.password, input)
  // Hash before the transaction: argon2 is slow on purpose and PGlite has one connection.
  const passwordHash = await hashPassword(input.password)
  return deps.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`
    if ((await tx.organization.count()) > 0) throw setupDone()
    const organization = await tx.organization.create({
      data: { name: input.organization_name, slug: await uniqueSlug(tx, input.organization_name) },
    })
    const user = await tx.user.create({
      data: { organizationId: organization.id, email: input.email, name: input.name, role: 'admin', passwordHash },
      include: authUserInclude,
    })
    await recordAudit(tx, { organizationId: organization.id, actorId: user.id, action: 'organization.created', data: { name: organization.name } })
    const session = await openSession(tx, user.id, deps.sessionTtlMs)
    return { user: toAuthUser(user), ...session }
  })
}

const setupDone = () => new AppError(409, 'SETUP_DONE', 'This installation is already set up; sign in instead')
