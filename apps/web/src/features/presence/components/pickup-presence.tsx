import { usePresenceHeartbeat } from '../hooks/use-presence-heartbeat.ts'
import { HandoffViewers } from './handoff-viewers.tsx'

/** For the open pickup screen: says "I am looking" to others, and shows who else is. */
export function PickupPresence({ handoffId, viewerId }: { handoffId: string; viewerId: string }) {
  usePresenceHeartbeat(handoffId)
  return <HandoffViewers handoffId={handoffId} viewerId={viewerId} variant="banner" />
}
