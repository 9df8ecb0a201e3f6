import { useEffect, useSyncExternalStore } from 'react'
import { currentTheme, followSystemTheme, subscribeTheme, type Theme } from './theme.ts'

/** The scheme on screen, kept in step with the toggle and, until the user picks one, the system. */
export function useTheme(): Theme {
  useEffect(() => followSystemTheme(), [])
  return useSyncExternalStore(subscribeTheme, currentTheme)
}
