/** Every route of the app: `path` for the router, `getHref` for links. */
export const paths = {
  login: {
    path: '/login',
    /** `next` brings the user back where a 401 interrupted them. */
    getHref: (next?: string) =>
      next && next !== '/' && !next.startsWith('/login') ? `/login?next=${encodeURIComponent(next)}` : '/login',
  },
  home: {
    path: '/',
    getHref: () => '/',
  },
  chat: {
    path: '/chat/:sessionId',
    getHref: (sessionId: string, opts?: { pickup?: boolean }) =>
      `/chat/${encodeURIComponent(sessionId)}${opts?.pickup ? '?pickup=true' : ''}`,
  },
  metrics: {
    path: '/metrics',
    getHref: () => '/metrics',
  },
  // First run and the links people receive: reachable signed out.
  setup: { path: '/setup', getHref: () => '/setup' },
  acceptInvitation: { path: '/invite/:token', getHref: (token: string) => `/invite/${encodeURIComponent(token)}` },
  resetPassword: { path: '/reset-password/:token', getHref: (token: string) => `/reset-password/${encodeURIComponent(token)}` },
  // Admin pages.
  people: { path: '/people', getHref: () => '/people' },
  settings: { path: '/settings', getHref: () => '/settings' },
  audit: { path: '/audit', getHref: () => '/audit' },
  account: { path: '/account', getHref: () => '/account' },
  webhooks: { path: '/admin/webhooks', getHref: () => '/admin/webhooks' },
} as const
