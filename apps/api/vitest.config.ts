import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'api',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // Each file opens its own database; two at a time fits two cores and PGlite's memory.
    maxWorkers: 2,
    // After the web project (group 0): the two projects use different worker counts.
    sequence: { groupOrder: 1 },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
