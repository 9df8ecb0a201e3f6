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
  settings: {
    path: '/settings',
    getHref: () => '/settings',
  },
  webhooks: {
    path: '/admin/webhooks',
    getHref: () => '/admin/webhooks',
  },
} as const
