import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'
import { createPushSubscription, deletePushSubscription, getPushSubscriptions, getVapidPublicKey } from '../api/push.ts'
import { base64UrlToBytes, pushSupported, SERVICE_WORKER_URL } from '../utils/push-support.ts'

const thisBrowserKey = [...queryKeys.push.all, 'this-browser'] as const

async function registration() {
  return navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' })
}

/** This browser's push subscription, if it has one (read from its service worker). */
async function currentSubscription(): Promise<PushSubscription | null> {
  const existing = await navigator.serviceWorker.getRegistration('/')
  return existing ? existing.pushManager.getSubscription() : null
}

/**
 * Web Push for this browser: whether it is subscribed, and subscribe / unsubscribe.
 * Subscribing asks for the Notification permission (it runs from the button's click),
 * subscribes with the server's VAPID key and registers the subscription with the server;
 * unsubscribing removes it on both sides.
 */
export function useBrowserPush() {
  const queryClient = useQueryClient()
  const supported = pushSupported()
  const current = useQuery({
    queryKey: thisBrowserKey,
    queryFn: async () => (await currentSubscription())?.endpoint ?? null,
    enabled: supported,
  })
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: thisBrowserKey }),
      queryClient.invalidateQueries({ queryKey: queryKeys.push.subscriptions() }),
    ])

  const subscribe = useMutation({
    mutationFn: async () => {
      const permission = await Notification.requestPermission()
      if (permission !== 'granted') throw new Error('Notifications are blocked for this site in the browser settings.')
      const key = await getVapidPublicKey()
      const reg = await registration()
      await navigator.serviceWorker.ready
      const subscription =
        (await reg.pushManager.getSubscription()) ??
        (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(key) }))
      await createPushSubscription(subscription.toJSON())
    },
    onSettled: refresh,
  })

  const unsubscribe = useMutation({
    mutationFn: async () => {
      const subscription = await currentSubscription()
      if (!subscription) return
      const { subscriptions } = await getPushSubscriptions()
      const mine = subscriptions.find((s) => s.endpoint === subscription.endpoint)
      if (mine) await deletePushSubscription(mine.id)
      await subscription.unsubscribe()
    },
    onSettled: refresh,
  })

  return { supported, endpoint: current.data ?? null, loading: current.isPending && supported, subscribe, unsubscribe }
}
