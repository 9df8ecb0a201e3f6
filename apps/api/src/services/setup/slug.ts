import type { Tx } from '../../lib/outbox.ts'

/** A URL-safe slug from the organization's name (the SSO sign-in link names it), made unique. */
export async function uniqueSlug(tx: Tx, name: string): Promise<string> {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'organization'
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`
    if (!(await tx.organization.findUnique({ where: { slug }, select: { id: true } }))) return slug
  }
}
