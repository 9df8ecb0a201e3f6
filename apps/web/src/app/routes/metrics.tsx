import { Navigate } from 'react-router'
import { paths } from '../../config/paths.ts'
import { useMe } from '../../features/auth/api/get-me.ts'

/** Team metrics (admins only; nobody else gets a link or the page). */
export function MetricsRoute() {
  const { data: user } = useMe()
  if (user?.role !== 'admin') return <Navigate to={paths.home.getHref()} replace />
  return (
    <div className="page">
      <title>Team metrics · ResolutionFlow</title>
      <h1 className="page__title">Team metrics — coming soon</h1>
      <p className="page__text">
        Escalations over time, time to claim and to assessment, and which option seniors choose will appear here.
      </p>
    </div>
  )
}
