/**
 * Every react-query key of the app, in one place, so that features (and the
 * live-event invalidation in `sse.ts`) agree on them without importing each other.
 * Keys are hierarchical: invalidating a prefix such as `sessions.all` refreshes
 * both the list and every detail.
 */
export const queryKeys = {
  me: ['me'] as const,
  assistant: ['assistant'] as const,
  seniors: ['seniors'] as const,
  sessions: {
    all: ['sessions'] as const,
    list: () => ['sessions', 'list'] as const,
    detail: (sessionId: string) => ['sessions', 'detail', sessionId] as const,
  },
  handoffs: {
    all: ['handoffs'] as const,
    lists: () => ['handoffs', 'list'] as const,
    list: (filters: { status?: 'pending' | 'claimed' | 'cancelled' } = {}) => ['handoffs', 'list', filters] as const,
    detail: (handoffId: string) => ['handoffs', 'detail', handoffId] as const,
    feedback: (handoffId: string) => ['handoffs', 'feedback', handoffId] as const,
    similar: (handoffId: string) => ['handoffs', 'similar', handoffId] as const,
  },
  notifications: {
    all: ['notifications'] as const,
  },
  setup: ['setup'] as const,
  team: {
    all: ['team'] as const,
    members: () => ['team', 'members'] as const,
    invitations: () => ['team', 'invitations'] as const,
    invitationPreview: (token: string) => ['team', 'invitation-preview', token] as const,
    resetPreview: (token: string) => ['team', 'reset-preview', token] as const,
  },
  organization: {
    all: ['organization'] as const,
    detail: () => ['organization', 'detail'] as const,
    audit: () => ['organization', 'audit'] as const,
  },
  /** Mutation keys: what other screens must know is in flight (e.g. home's first-load redirect). */
  mutations: {
    createSession: ['sessions', 'create'] as const,
  },
  /** The user's notification preferences (desktop, push, e-mail). */
  preferences: ['preferences'] as const,
  push: {
    all: ['push'] as const,
    subscriptions: () => ['push', 'subscriptions'] as const,
    vapidKey: () => ['push', 'vapid-key'] as const,
  },
  webhooks: {
    all: ['webhooks'] as const,
    list: () => ['webhooks', 'list'] as const,
    deliveries: (webhookId: string) => ['webhooks', 'deliveries', webhookId] as const,
  },
  /** "Who is looking": every open pickup screen of the organization (one list). */
  presence: ['presence'] as const,
  metrics: {
    all: ['metrics'] as const,
    escalations: (range: { days: number }) => ['metrics', 'escalations', range] as const,
  },
}

/** The prefixes a missed live event could have changed: refreshed after a reconnect. */
export const liveQueryPrefixes = [
  queryKeys.sessions.all,
  queryKeys.handoffs.all,
  queryKeys.notifications.all,
  queryKeys.metrics.all,
  queryKeys.presence,
] as const
