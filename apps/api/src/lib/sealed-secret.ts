import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/** How a sealed value starts (the version of the format). */
const SEALED_PREFIX = 'sealed:v1:'
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * Secrets the app keeps for others (an organization's OIDC client secret) are stored sealed
 * with AES-256-GCM under a key derived from SESSION_SECRET, so a copy of the database alone
 * (a backup, a read replica, a leaked dump) does not hand them out. A secret stored before
 * sealing stays plain until an admin saves it again (sealing at boot would hand sealed text to
 * a replica of the release before, or to a rollback). Each is bound to what it
 * belongs to (`owner`, the organization's id, as associated data): copied onto another row, it
 * does not open. Changing SESSION_SECRET makes them unreadable: an admin then enters them again.
 */
export interface SecretBox {
  seal(plain: string, owner: string): string
  /** The plain secret; a value stored before secrets were sealed comes back as it is. */
  open(stored: string, owner: string): string
}

export function secretBox(serverSecret: string, purpose: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', serverSecret, '', `resolutionflow ${purpose}`, 32))
  const unreadable = () =>
    new Error(`the stored ${purpose} cannot be read with this SESSION_SECRET (was it changed?): an admin must enter it again`)
  return {
    seal(plain, owner) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES }).setAAD(Buffer.from(owner))
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return SEALED_PREFIX + [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.')
    },
    open(stored, owner) {
      if (!stored.startsWith(SEALED_PREFIX)) return stored
      const [iv, tag, sealed] = stored.slice(SEALED_PREFIX.length).split('.').map((part) => Buffer.from(part, 'base64url'))
      if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || !sealed) throw unreadable()
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES }).setAAD(Buffer.from(owner))
        decipher.setAuthTag(tag)
        return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8')
      } catch {
        throw unreadable()
      }
    },
  }
}
