import { useCallback, useSyncExternalStore } from 'react'

/** The stylesheet's phone layout (`@media (max-width: 720px)` in styles.css): the toolbar folds into ⋯, the lane becomes a tab. */
export const PHONE_LAYOUT_QUERY = '(max-width: 720px)'

/** Whether a media query matches now, kept current as the window changes. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia?.(query)
      list?.addEventListener('change', onChange)
      return () => list?.removeEventListener('change', onChange)
    },
    [query],
  )
  return useSyncExternalStore(subscribe, () => window.matchMedia?.(query).matches ?? false)
}
