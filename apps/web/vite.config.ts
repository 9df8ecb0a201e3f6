import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:8000'
const sharedSrc = fileURLToPath(new URL('../../packages/shared/src/', import.meta.url))

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Same mapping as tsconfig `paths`: `@resolutionflow/shared/sessions.ts` is a file in packages/shared/src.
    alias: [{ find: /^@resolutionflow\/shared\/(.*)$/, replacement: `${sharedSrc}$1` }],
  },
  server: {
    port: 5173,
    proxy: {
      // http-proxy streams responses as they arrive, so `/api/events` and the
      // streamed chat replies reach the browser chunk by chunk.
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
      '/docs': { target: apiTarget },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget },
      '/healthz': { target: apiTarget },
      '/docs': { target: apiTarget },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
})
