import { randomBytes } from 'node:crypto'
import * as client from 'openid-client'
import { AppError } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { authUserInclude, toAuthUser, type AuthUser } from '../auth/auth-user.ts'
import { openSession } from '../auth/open-session.ts'
import { hashPassword } from '../auth/password.ts'
import { recordAudit } from '../audit/record-audit.ts'
import { jitDomainsOf } from '../organization/organization.ts'
import { oidcConfiguration } from './oidc-client.ts'
import type { OidcFlowState } from './start-oidc.ts'
import type { SecretBox } from '../../lib/sealed-secret.ts'

/**
 * The provider sent the browser back. openid-client exchanges the code (with the PKCE
 * verifier) and checks state, nonce, issuer, audience and signature. Then who may come in:
 * a member of this organization; an invited e-mail (joins with the invited role, the
 * invitation is used); an e-mail of a domain the admin allowed (joins as engineer).
 * Anyone else is refused, and nothing is written.
 */
export async function finishOidc(
  deps: { prisma: PrismaClient; secrets: SecretBox; sessionTtlMs: number; log: { warn(obj: unknown, msg: string): void } },
  input: { flow: OidcFlowState; callbackUrl: URL },
): Promise<{ user: AuthUser; token: string; expiresAt: Date }> {
  const org = await deps.prisma.organization.findUnique({ where: { id: input.flow.organizationId } })
  if (!org?.oidcIssuer || !org.oidcClientId) throw new AppError(400, 'SSO_FAILED', 'Single sign-on is no longer set up')

  let claims: client.IDToken
  try {
    const config = await oidcConfiguration({ issuer: org.oidcIssuer, clientId: org.oidcClientId, clientSecret: org.oidcClientSecret && deps.secrets.open(org.oidcClientSecret, org.id) })
    const tokens = await client.authorizationCodeGrant(config, input.callbackUrl, {
      pkceCodeVerifier: input.flow.codeVerifier,
      expectedState: input.flow.state,
      expectedNonce: input.flow.nonce,
      idTokenExpected: true,
    })
    claims = tokens.claims()!
    // Providers that keep the ID token minimal (oidc-provider by default) give e-mail and name at userinfo.
    if (typeof claims.email !== 'string' && tokens.access_token) {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub)
      claims = { ...claims, email: info.email, email_verified: info.email_verified, name: claims.name ?? info.name }
    }
  } catch (err) {
    deps.log.warn({ err, organizationId: org.id }, 'SSO callback refused')
    throw new AppError(400, 'SSO_FAILED', 'Single sign-on did not complete', undefined, { cause: err })
  }

  // Entra ID often sends no `email` claim; its preferred_username is the sign-in address.
  const rawEmail = typeof claims.email === 'string' ? claims.email : typeof claims.preferred_username === 'string' ? claims.preferred_username : ''
  const email = rawEmail.trim().toLowerCase()
  if (!/^[^@\s]+@[^@\s]+$/.test(email) || claims.email_verified === false) {
    throw new AppError(400, 'SSO_NO_EMAIL', 'The identity provider did not share a verified e-mail address')
  }
  const name = (typeof claims.name === 'string' && claims.name.trim()) || email.split('@')[0]!

  const existing = await deps.prisma.user.findUnique({ where: { email }, include: authUserInclude })
  if (existing) {
    if (existing.organizationId !== org.id || !existing.active) {
      throw new AppError(403, 'SSO_ACCOUNT_UNAVAILABLE', 'This account cannot sign in to this organization')
    }
    return { user: toAuthUser(existing), ...(await openSession(deps.prisma, existing.id, deps.sessionTtlMs)) }
  }

  const now = new Date()
  const invitation = await deps.prisma.invitation.findFirst({
    where: { organizationId: org.id, email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: 'desc' },
  })
  const domain = email.split('@')[1]!
  if (!invitation && !jitDomainsOf(org).includes(domain)) {
    throw new AppError(403, 'SSO_UNKNOWN_EMAIL', `${email} is not a member of ${org.name}`)
  }
  // Nobody knows this password: the person signs in with SSO (an admin can issue a reset link).
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'))
  return deps.prisma.$transaction(async (tx) => {
    if (invitation) {
      const { count } = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: now } })
      if (count === 0) throw new AppError(409, 'INVITATION_USED', 'This invitation was just used')
    }
    const role = invitation?.role ?? 'engineer'
    const user = await tx.user.create({ data: { organizationId: org.id, email, name, role, passwordHash }, include: authUserInclude })
    if (invitation) await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedUserId: user.id } })
    await recordAudit(tx, {
      organizationId: org.id,
      actorId: user.id,
      targetUserId: user.id,
      action: 'member.joined_with_sso',
      data: { email, role, via: invitation ? 'invitation' : 'jit_domain', subject: claims.sub },
    })
    return { user: toAuthUser(user), ...(await openSession(tx, user.id, deps.sessionTtlMs)) }
  })
}
