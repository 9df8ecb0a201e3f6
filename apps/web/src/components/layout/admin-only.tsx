import type { ReactNode } from 'react'
import { canManageTeam } from '@resolutionflow/shared/roles.ts'
import type { User } from '@resolutionflow/shared/users.ts'

/** Admin pages: anyone else sees why there is nothing here (the API would answer 403 anyway). */
export function AdminOnly({ user, children }: { user: User | undefined | null; children: ReactNode }) {
  if (user && canManageTeam(user.role)) return children
  return (
    <div className="empty-state" role="alert">
      <h2 className="empty-state__title">Admins only</h2>
      <p className="empty-state__text">Ask an admin of your organization if you need something changed here.</p>
    </div>
  )
}
