// replaced by the shared schema on merge: packages/shared/src/preferences.ts and push.ts
// (owned by the server side of this issue). Names follow ARCHITECTURE.md "Contract additions".

/** `GET/PATCH /api/me/preferences`. In-app notifications are always on, so they are not listed. */
export type NotificationPreferences = { desktop: boolean; push: boolean; email: boolean }
export type PreferencesResponse = { preferences: NotificationPreferences }

/** `GET /api/push/vapid-public-key`: the application server key, base64url. */
export type VapidPublicKeyResponse = { public_key: string }

/** One browser's Web Push subscription as the server lists it. */
export type PushSubscriptionRecord = {
  id: string
  endpoint: string
  user_agent?: string | null
  created_at: string
}
export type PushSubscriptionsResponse = { subscriptions: PushSubscriptionRecord[] }
export type CreatePushSubscriptionResponse = { subscription: PushSubscriptionRecord }
