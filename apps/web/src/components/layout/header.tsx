import type { ReactNode } from 'react'
import { Link } from 'react-router'
import type { User } from '@resolutionflow/shared/users.ts'
import { paths } from '../../config/paths.ts'
import { Button } from '../ui/button.tsx'
import { CollapsibleMenu } from '../ui/collapsible-menu.tsx'
import { MenuIcon } from '../ui/icons.tsx'
import { LiveConnectionStatus } from './live-connection-status.tsx'
import { ThemeToggle } from './theme-toggle.tsx'

export type HeaderProps = {
  user: User
  /** The notification bell (`<NotificationBell />`), composed by the route layer. */
  bell: ReactNode
  /** Extra links beside the product name, e.g. "Team metrics" for admins. */
  nav?: ReactNode
  onSignOut: () => void
  signingOut?: boolean
  sidebarOpen: boolean
  onToggleSidebar: () => void
}

export function Header({ user, bell, nav, onSignOut, signingOut, sidebarOpen, onToggleSidebar }: HeaderProps) {
  return (
    <header className="app-header">
      <button
        type="button"
        className="icon-btn sidebar-toggle"
        aria-label="Sessions"
        aria-expanded={sidebarOpen}
        aria-controls="app-sidebar"
        onClick={onToggleSidebar}
      >
        <MenuIcon size={18} />
      </button>
      <Link to={paths.home.getHref()} className="brand">
        <span className="brand__mark" aria-hidden="true" />
        <span className="brand__name">ResolutionFlow</span>
      </Link>
      <div className="app-header__end">
        <LiveConnectionStatus />
        {bell}
        {/* On a phone the links, who is signed in, the theme and Sign out fold behind the avatar. */}
        <CollapsibleMenu
          variant="header"
          label={`Account menu, ${user.name}`}
          icon={
            <span className="avatar" aria-hidden="true">
              {initials(user.name)}
            </span>
          }
        >
          {nav && (
            <nav aria-label="Main" className="app-header__nav">
              {nav}
            </nav>
          )}
          <ThemeToggle />
          <div className="user-chip">
            <span className="avatar" aria-hidden="true">
              {initials(user.name)}
            </span>
            <span className="user-chip__text">
              <span className="user-chip__name">{user.name}</span>
              <span className="user-chip__org">{user.organization.name}</span>
            </span>
          </div>
          <Button variant="ghost" size="sm" onClick={onSignOut} loading={signingOut}>
            Sign out
          </Button>
        </CollapsibleMenu>
      </div>
    </header>
  )
}

function initials(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('')
}
