import { hash, verify } from '@node-rs/argon2'

// Argon2id (the library's default algorithm) at OWASP's baseline: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export const hashPassword = (password: string) => hash(password, OPTIONS)

export const verifyPassword = (passwordHash: string, password: string) =>
  verify(passwordHash, password).catch(() => false)
