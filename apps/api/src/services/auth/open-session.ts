import { randomBytes } from 'node:crypto'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Tx } from '../../lib/outbox.ts'
import { hashToken } from './sign-in.ts'

/** A new sign-in session for the user; returns the cookie token (only its hash is stored). */
export async function openSession(db: PrismaClient | Tx, userId: string, ttlMs: number) {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + ttlMs)
  await db.authSession.create({ data: { tokenHash: hashToken(token), userId, expiresAt } })
  return { token, expiresAt }
}
