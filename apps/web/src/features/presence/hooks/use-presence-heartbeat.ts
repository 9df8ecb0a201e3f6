import { useEffect } from 'react'
import { leavePresence, sendPresenceHeartbeat } from '../api/presence.ts'

/** Well inside the server's lease (25 s by default): one lost heartbeat does not drop the viewer. */
export const PRESENCE_HEARTBEAT_MS = 10_000

/**
 * While mounted, tells the server this user is looking at the handoff: a heartbeat now
 * and every 10 s, and a goodbye when the screen closes or the page goes away (pagehide
 * covers a closed tab; a page restored from the back-forward cache says hello again).
 * Failures are ignored: presence is a hint, and the next heartbeat tries again.
 */
export function usePresenceHeartbeat(handoffId: string, enabled = true) {
  useEffect(() => {
    if (!enabled) return
    const beat = () => void sendPresenceHeartbeat(handoffId).catch(() => undefined)
    const leave = () => void leavePresence(handoffId).catch(() => undefined)
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) beat()
    }
    beat()
    const timer = setInterval(beat, PRESENCE_HEARTBEAT_MS)
    window.addEventListener('pagehide', leave)
    window.addEventListener('pageshow', onPageShow)
    return () => {
      clearInterval(timer)
      window.removeEventListener('pagehide', leave)
      window.removeEventListener('pageshow', onPageShow)
      leave()
    }
  }, [handoffId, enabled])
}
