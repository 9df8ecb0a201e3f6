import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { useSearchParams } from 'react-router'
import { Button } from '../../../components/ui/button.tsx'
import { canClaimHandoff, OVERLAY_PARAM, PICKUP_PARAM, type Viewer } from '../utils/can-claim-handoff.ts'

type ReopenHandoffButtonProps = { handoff: HandoffResponse | null; viewer: Viewer }

/**
 * Chat toolbar: opens the handoff context again. A senior who could still claim
 * gets the choices ("Pick up"); everyone else the read-only overlay. `<HandoffPickup>`
 * renders the screen; this only asks for it through the URL.
 */
export function ReopenHandoffButton({ handoff, viewer }: ReopenHandoffButtonProps) {
  const [, setSearchParams] = useSearchParams()
  if (!handoff || handoff.status === 'cancelled') return null
  const pickup = handoff.status === 'pending' && canClaimHandoff(handoff, viewer)

  const open = () =>
    setSearchParams((current) => {
      const next = new URLSearchParams(current)
      if (pickup) next.set(PICKUP_PARAM, 'true')
      else next.set(OVERLAY_PARAM, 'open')
      return next
    })

  return (
    <Button variant={pickup ? 'primary' : 'secondary'} size="sm" onClick={open} aria-haspopup="dialog">
      {pickup ? 'Pick up' : 'Handoff context'}
    </Button>
  )
}
