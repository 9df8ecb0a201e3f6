import * as client from 'openid-client'
import { AppError } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { ssoEnabled } from '../organization/organization.ts'
import { oidcConfiguration } from './oidc-client.ts'
import type { SecretBox } from '../../lib/sealed-secret.ts'

/** What the callback must find again; kept in a signed, httpOnly cookie for 10 minutes. */
export interface OidcFlowState {
  organizationId: string
  state: string
  nonce: string
  codeVerifier: string
}

/**
 * Starts the authorization code flow with PKCE (S256), a random state and nonce for the
 * organization named by its slug. Returns the provider URL to redirect to.
 */
export async function startOidc(
  deps: { prisma: PrismaClient; secrets: SecretBox },
  input: { organizationSlug: string; redirectUri: string },
): Promise<{ url: string; flow: OidcFlowState }> {
  const org = await deps.prisma.organization.findUnique({ where: { slug: input.organizationSlug } })
  if (!org || !ssoEnabled(org)) throw new AppError(404, 'SSO_NOT_CONFIGURED', 'Single sign-on is not set up for that organization')
  const config = await oidcConfiguration({ issuer: org.oidcIssuer!, clientId: org.oidcClientId!, clientSecret: org.oidcClientSecret && deps.secrets.open(org.oidcClientSecret, org.id) })
  const flow: OidcFlowState = {
    organizationId: org.id,
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
  }
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  })
  return { url: url.href, flow }
}
