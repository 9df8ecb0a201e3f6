import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { isSenior } from '@resolutionflow/shared/roles.ts'
import type { User } from '@resolutionflow/shared/users.ts'

/** `?pickup=true`: the notification's link, asking to pick the handoff up. */
export const PICKUP_PARAM = 'pickup'
/** `?handoff=open`: the toolbar re-opening the handoff context as a read-only overlay. */
export const OVERLAY_PARAM = 'handoff'

export type Viewer = Pick<User, 'id' | 'role'>

/** Only seniors and admins, and not the one who escalated, may claim (the API answers 403 otherwise). */
export const canClaimHandoff = (handoff: Pick<HandoffResponse, 'handed_off_by'>, viewer: Viewer) =>
  isSenior(viewer.role) && handoff.handed_off_by.id !== viewer.id
