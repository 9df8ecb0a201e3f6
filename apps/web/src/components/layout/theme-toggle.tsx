import { saveTheme } from '../../lib/theme.ts'
import { useTheme } from '../../lib/use-theme.ts'
import { MoonIcon, SunIcon } from '../ui/icons.tsx'

/** Header: dark mode on or off. Starts from the system's scheme; a click is remembered. */
export function ThemeToggle() {
  const dark = useTheme() === 'dark'
  return (
    <button
      type="button"
      className="icon-btn theme-toggle"
      aria-label="Dark mode"
      aria-pressed={dark}
      title={dark ? 'Switch to light mode' : 'Switch to dark mode'}
      onClick={() => saveTheme(dark ? 'light' : 'dark')}
    >
      {dark ? <SunIcon size={18} /> : <MoonIcon size={18} />}
      <span className="theme-toggle__label">Dark mode</span>
    </button>
  )
}
