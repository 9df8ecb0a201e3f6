import { HandoffConflictResponseSchema, type ClaimOption, type HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { useCallback, useEffect, useState } from 'react'
import { useSearchParams } from 'react-router'
import { toast } from 'sonner'
import { isApiError } from '../../../lib/api-client.ts'
import { focusChatComposer, focusMainContent } from '../../../lib/dom-ids.ts'
import { PHONE_LAYOUT_QUERY } from '../../../lib/use-media-query.ts'
import { useClaimHandoff } from '../api/claim-handoff.ts'
import { useHandoff } from '../api/get-handoff.ts'
import { canClaimHandoff, OVERLAY_PARAM, PICKUP_PARAM, type Viewer } from '../utils/can-claim-handoff.ts'
import { highlightTaskCard } from '../utils/highlight-task-card.ts'

export type UsePickupFlowOptions = {
  handoff: HandoffResponse
  viewer: Viewer
  /** Defaults to focusing `#chat-composer`. */
  focusComposer?: () => void
  /** Defaults to scrolling to and flashing `#task-lane-card-{idx}`; pass the chat's own `highlight`. */
  highlightTask?: (taskIndex: number) => void
}

export type PickupScreenMode = 'pickup' | 'overlay'

const toastAlreadyClaimed = (handoffId: string, name: string) =>
  // One id per handoff: the 409 and the live `handoff_claimed` can both report the same loss.
  toast.info(`Already claimed by ${name}`, { id: `handoff-already-claimed-${handoffId}` })

/**
 * What the chat page needs for `?pickup=true`: which screen to show (if any), and
 * `choose(option)`: claim, then continue / brief the AI / hand over the composer.
 */
export function usePickupFlow({
  handoff: initialHandoff,
  viewer,
  focusComposer = () => void focusChatComposer(),
  highlightTask = highlightTaskCard,
}: UsePickupFlowOptions) {
  const [searchParams, setSearchParams] = useSearchParams()
  const { data: handoff = initialHandoff } = useHandoff({ handoffId: initialHandoff.id, initialData: initialHandoff })
  const claim = useClaimHandoff()
  const [activeOption, setActiveOption] = useState<ClaimOption | null>(null)

  const pickupRequested = searchParams.get(PICKUP_PARAM) === 'true'
  const overlayRequested = searchParams.get(OVERLAY_PARAM) === 'open'
  const canClaim = canClaimHandoff(handoff, viewer)
  const lostTo =
    canClaim && handoff.status === 'claimed' && handoff.claimed_by && handoff.claimed_by.id !== viewer.id
      ? handoff.claimed_by
      : null

  let mode: PickupScreenMode | null = null
  if (pickupRequested) {
    // While our own claim runs, the cache may already say "claimed": keep the choices until it settles.
    if (activeOption !== null || (handoff.status === 'pending' && canClaim)) mode = 'pickup'
    // Nothing to choose for the one who escalated, an engineer, or the winner coming back: show it read-only.
    else if (!lostTo && handoff.status !== 'cancelled') mode = 'overlay'
  } else if (overlayRequested && handoff.status !== 'cancelled') {
    mode = 'overlay'
  }

  const close = useCallback(
    () =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current)
          next.delete(PICKUP_PARAM)
          next.delete(OVERLAY_PARAM)
          return next
        },
        { replace: true },
      ),
    [setSearchParams],
  )

  // Someone else claimed it (a live `handoff_claimed` refreshed the query, or the link was old).
  const pickupOpenButLost = pickupRequested && activeOption === null && lostTo !== null
  useEffect(() => {
    if (!pickupOpenButLost || !lostTo) return
    toastAlreadyClaimed(handoff.id, lostTo.name)
    close()
  }, [pickupOpenButLost, lostTo, handoff.id, close])

  const cancelled = pickupRequested && handoff.status === 'cancelled'
  useEffect(() => {
    if (!cancelled) return
    // Live: the junior's cancel refreshed the query while the senior was reading the screen.
    const who = handoff.cancelled_by?.name.split(' ')[0]
    toast.info(who ? `${who} cancelled this escalation` : 'This escalation was cancelled.', { id: `handoff-cancelled-${handoff.id}` })
    close()
  }, [cancelled, handoff.id, handoff.cancelled_by, close])

  const choose = (option: ClaimOption) => {
    if (activeOption !== null) return
    setActiveOption(option)
    claim.mutate(
      { handoffId: handoff.id, option },
      {
        onSuccess: () => {
          setActiveOption(null)
          // Before the screen unmounts, so its focus return finds focus already moved on purpose:
          // the opener (a queue link, a notification) goes away with the claim.
          if (option === 'own') focusComposer()
          else focusMainContent()
          // With ai_analysis the server posts the briefing as the viewer and the assistant's
          // answer streams in over the live events (the chat shows it as it comes).
          close()
        },
        onError: (error) => {
          setActiveOption(null)
          if (isApiError(error) && error.status === 409) {
            const conflict = HandoffConflictResponseSchema.safeParse(error.body)
            if (conflict.success) toastAlreadyClaimed(handoff.id, conflict.data.claimed_by.name)
            else toast.info(error.message, { id: `handoff-already-claimed-${handoff.id}` })
            focusMainContent()
            close()
            return
          }
          toast.error(error.message)
        },
      },
    )
  }

  const onStepClick = (taskIndex: number) => {
    // The overlay is read-only: get it out of the way of the card. The pickup screen stays until a
    // choice, beside the lane; on a phone, where it covers the lane, it steps aside ("Pick up" reopens it).
    if (mode === 'overlay' || window.matchMedia?.(PHONE_LAYOUT_QUERY).matches) close()
    highlightTask(taskIndex)
  }

  return { handoff, mode, activeOption, choose, close, onStepClick }
}
