export type DesktopPermission = NotificationPermission | 'unsupported'

/** The Notification API's permission here, or `unsupported` (an old browser, an iOS tab). */
export function desktopPermission(): DesktopPermission {
  return typeof window !== 'undefined' && 'Notification' in window ? window.Notification.permission : 'unsupported'
}

/** What a desktop notification for a notification opens: the pickup screen, same origin only. */
export function safeAppLink(link: string): string {
  return link.startsWith('/') && !link.startsWith('//') ? link : '/'
}
