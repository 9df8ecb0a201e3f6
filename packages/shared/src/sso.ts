/**
 * Why an SSO sign-in was refused: the callback redirects to `/login?sso_error=<code>` and
 * the login page shows the sentence. No zod, so the login page stays small.
 */
export const SSO_ERROR_MESSAGES = {
  SSO_NOT_CONFIGURED: 'Single sign-on is not set up for that organization. Check the organization name or sign in with your password.',
  SSO_FAILED: 'Single sign-on did not complete (the sign-in expired or did not match). Try again.',
  SSO_UNKNOWN_EMAIL: 'Your account is not a member of this organization. Ask an admin to invite you first.',
  SSO_ACCOUNT_UNAVAILABLE: 'This account cannot sign in here: it is deactivated or belongs to another organization.',
  SSO_NO_EMAIL: 'Your identity provider did not share a verified e-mail address, so we cannot tell who you are.',
  DATABASE_UNREACHABLE: 'ResolutionFlow cannot reach its database right now. Try again in a moment.',
} as const
export type SsoErrorCode = keyof typeof SSO_ERROR_MESSAGES

export const ssoErrorMessage = (code: string | null): string | null =>
  code && code in SSO_ERROR_MESSAGES ? SSO_ERROR_MESSAGES[code as SsoErrorCode] : code ? SSO_ERROR_MESSAGES.SSO_FAILED : null

/** Providers that get their own button label; any other issuer is "Sign in with SSO". */
export const isMicrosoftIssuer = (issuer: string) => /^https:\/\/login\.microsoftonline\.(com|us)\//.test(issuer)
