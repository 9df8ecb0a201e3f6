import type { RefObject } from 'react'
import { useScreenInset } from './use-screen-inset.ts'

/** On <html>: how much of the bottom of the screen a pinned control (the chat's composer) takes, e.g. `132px`. */
export const BOTTOM_INSET_VAR = '--bottom-inset'

const height = (element: HTMLElement) => element.offsetHeight

/**
 * While mounted, publishes the element's height as `--bottom-inset`, for overlays fixed to the
 * bottom of the screen (the phone's toasts) to sit above it. Only for an element pinned to the
 * bottom; it follows the element as it grows (a longer message) or is hidden (the task-lane tab: 0).
 */
export function useBottomInset(ref: RefObject<HTMLElement | null>): void {
  useScreenInset(ref, BOTTOM_INSET_VAR, height)
}
