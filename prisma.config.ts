import path from 'node:path'
import { defineConfig } from 'prisma/config'

// Prisma's CLI otherwise tries to download its native schema engine before generate/validate.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, 'prisma/engine-stub/schema-engine')

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
})
