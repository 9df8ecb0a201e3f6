import { randomBytes } from 'node:crypto'
import { hashToken } from '../services/auth/sign-in.ts'

/** A link token: 256 random bits for the URL, and the SHA-256 that is the only thing stored. */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, tokenHash: hashToken(token) }
}

export { hashToken }
