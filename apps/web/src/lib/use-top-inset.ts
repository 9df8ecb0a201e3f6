import type { RefObject } from 'react'
import { useScreenInset } from './use-screen-inset.ts'

/** On <html>: how far down the screen the controls at its top reach (the header, the chat's toolbar and banner), e.g. `137px`. */
export const TOP_INSET_VAR = '--top-inset'

const bottomEdge = (element: HTMLElement) => element.getBoundingClientRect().bottom

/**
 * While mounted, publishes the element's bottom edge as `--top-inset`, for overlays fixed to the
 * top of the screen (the wide screen's toasts) to sit below it. Only for an element that stays
 * put under the header (the chat's banner strip, under its toolbar): it follows the element as
 * it grows (a banner appears, a long note wraps) and as the window resizes.
 */
export function useTopInset(ref: RefObject<HTMLElement | null>): void {
  useScreenInset(ref, TOP_INSET_VAR, bottomEdge)
}
