import type { Bus, SessionRevoked } from '../../lib/bus.ts'
import type { AuthUser } from './auth-user.ts'

/**
 * The users of the sign-ins this replica resolved lately, by token hash, so a signed-in
 * request costs no query: each entry lives `ttlMs` at most, and never past its sign-in's
 * expiry. Whatever ends or changes a sign-in publishes `session_revoked` (sign-out and
 * password changes name the sign-in; deactivation, a role change and a password reset name
 * the user; an organization rename names the organization), and the bus delivers it to this
 * replica's subscribers before `publish` returns,
 * so the next request here reads the database again. Another replica hears it through
 * Redis; if that message is lost, the entry there still ends with its `ttlMs`, the same
 * bound the open event streams' revalidation gives.
 */
export interface SessionCache {
  get(tokenHash: string): AuthUser | undefined
  /** Counts revocations: take it before reading a sign-in, and hand it to `set`. */
  epoch(): number
  /** Keeps what was read, unless something was revoked since `epoch` (the read may predate it). */
  set(tokenHash: string, user: AuthUser, expiresAt: Date, epoch: number): void
  /** Drops a sign-in found changed without a bus message (the open streams' re-check). */
  forget(tokenHash: string): void
  close(): void
}

export function createSessionCache(bus: Bus, options: { ttlMs: number; maxEntries: number }): SessionCache {
  const entries = new Map<string, { user: AuthUser; until: number }>()
  let revocations = 0
  const forgetWhere = (match: (user: AuthUser) => boolean) => {
    for (const [key, entry] of entries) if (match(entry.user)) entries.delete(key)
  }
  const unsubscribe = bus.subscribe((event) => {
    if (event.type !== 'session_revoked') return
    const revoked = (event.payload ?? {}) as SessionRevoked
    revocations++
    if (revoked.auth_session_id) entries.delete(revoked.auth_session_id)
    if (revoked.user_id) forgetWhere((user) => user.id === revoked.user_id)
    if (revoked.organization_id) forgetWhere((user) => user.organizationId === revoked.organization_id)
  })
  return {
    get(tokenHash) {
      const entry = entries.get(tokenHash)
      if (!entry) return undefined
      if (entry.until > Date.now()) return entry.user
      entries.delete(tokenHash)
      return undefined
    },
    epoch: () => revocations,
    set(tokenHash, user, expiresAt, epoch) {
      if (epoch !== revocations) return
      // A Map keeps insertion order: when full, the oldest entry goes.
      if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!)
      entries.set(tokenHash, { user, until: Math.min(Date.now() + options.ttlMs, expiresAt.getTime()) })
    },
    forget(tokenHash) {
      // Counted like a revocation: a read of this sign-in already under way must not put back
      // what it read before the change.
      revocations++
      entries.delete(tokenHash)
    },
    close: () => {
      unsubscribe()
      entries.clear()
    },
  }
}
