import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/** How a sealed value starts (the version of the format). */
export const SEALED_PREFIX = 'sealed:v1:'

/**
 * Secrets the app keeps for others (an organization's OIDC client secret) are stored sealed
 * with AES-256-GCM under a key derived from SESSION_SECRET, so a copy of the database alone
 * (a backup, a read replica, a leaked dump) does not hand them out. Changing SESSION_SECRET
 * makes them unreadable: an admin then enters them again.
 */
export interface SecretBox {
  seal(plain: string): string
  /** The plain secret; a value stored before secrets were sealed comes back as it is. */
  open(stored: string): string
}

export function secretBox(serverSecret: string, purpose: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', serverSecret, '', `resolutionflow ${purpose}`, 32))
  return {
    seal(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return SEALED_PREFIX + [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.')
    },
    open(stored) {
      if (!stored.startsWith(SEALED_PREFIX)) return stored
      const [iv, tag, sealed] = stored.slice(SEALED_PREFIX.length).split('.').map((part) => Buffer.from(part, 'base64url'))
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv!)
        decipher.setAuthTag(tag!)
        return Buffer.concat([decipher.update(sealed!), decipher.final()]).toString('utf8')
      } catch {
        throw new Error(`the stored ${purpose} cannot be read with this SESSION_SECRET (was it changed?): an admin must enter it again`)
      }
    },
  }
}
