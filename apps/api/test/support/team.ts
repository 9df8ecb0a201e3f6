import type { TestApp } from './app.ts'

export const STRONG_PASSWORD = 'correct horse battery staple'

export const sessionCookie = (res: { cookies: Array<{ name: string; value: string }> }) => {
  const c = res.cookies.find((x) => x.name === 'rf_session')
  return c ? `rf_session=${c.value}` : null
}

/** The token at the end of an invitation or reset link. */
export const tokenOf = (url: string) => url.split('/').pop()!

export async function invite(t: TestApp, cookie: string, email: string, role = 'engineer') {
  return t.app.inject({ method: 'POST', url: '/api/invitations', headers: { cookie }, payload: { email, role } })
}

/** Invites and accepts: a signed-in new member of the inviter's organization. */
export async function newMember(t: TestApp, adminCookie: string, email: string, role = 'engineer', name = 'New Person') {
  const created = await invite(t, adminCookie, email, role)
  if (created.statusCode !== 201) throw new Error(`invite failed: ${created.statusCode} ${created.body}`)
  const accepted = await t.app.inject({
    method: 'POST',
    url: `/api/invitations/${tokenOf(created.json().invitation.url)}/accept`,
    payload: { name, password: STRONG_PASSWORD },
  })
  if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.statusCode} ${accepted.body}`)
  return { id: accepted.json().user.id as string, cookie: sessionCookie(accepted)! }
}
