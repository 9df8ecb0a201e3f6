import { it, expect } from 'vitest'
import { buildTestApp } from '../support/app.ts'
it('probe', async () => {
  const t = await buildTestApp()
  const r = await t.app.inject({ url: '/docs/json' })
  process.stderr.write('PROBE ' + r.statusCode + ' ' + JSON.stringify(JSON.parse(r.body).paths['/api/sessions'].post.requestBody) + '\n')
  await t.close()
}, 120000)
