/**
 * Light or dark: the system's `prefers-color-scheme` unless the user picked one with the
 * header's toggle, which is remembered in this browser. The choice is an attribute on
 * <html> (`data-theme`), which the stylesheet's dark tokens follow.
 */
export type Theme = 'light' | 'dark'

const STORAGE_KEY = 'rf-theme'
const darkQuery = () => window.matchMedia?.('(prefers-color-scheme: dark)')

export function storedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return value === 'light' || value === 'dark' ? value : null
  } catch {
    // Storage can be off (privacy settings): the system's scheme still applies.
    return null
  }
}

export function effectiveTheme(): Theme {
  return storedTheme() ?? (darkQuery()?.matches ? 'dark' : 'light')
}

const listeners = new Set<() => void>()

/** Called before the first render, so the first paint is already in the right scheme. */
export function applyTheme(theme: Theme = effectiveTheme()): void {
  document.documentElement.dataset.theme = theme
  for (const listener of listeners) listener()
}

/** The scheme on screen now (`useSyncExternalStore`'s snapshot). */
export const currentTheme = (): Theme => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light')

export function subscribeTheme(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function saveTheme(theme: Theme): void {
  try {
    localStorage.setItem(STORAGE_KEY, theme)
  } catch {
    // Not remembered, but still applied for this page.
  }
  applyTheme(theme)
}

/** Follows the system's scheme while the user has not chosen one. Returns the unsubscribe function. */
export function followSystemTheme(): () => void {
  const query = darkQuery()
  if (!query) return () => undefined
  const listener = () => {
    if (!storedTheme()) applyTheme()
  }
  query.addEventListener('change', listener)
  return () => query.removeEventListener('change', listener)
}
