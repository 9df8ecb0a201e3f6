import { Link } from 'react-router'
import { paths } from '../../../config/paths.ts'
import '../metrics.css'

/** Shown to non-admins, whether the app knows their role or the API answered 403. */
export function MetricsForbidden() {
  return (
    <div className="metrics-state">
      <div className="empty-state">
        <h2 className="empty-state__title">Team metrics are for admins</h2>
        <p className="empty-state__text">Your account can't see the team's figures. Ask an admin if you need them.</p>
        <Link to={paths.home.getHref()} className="btn btn--secondary btn--md">
          Go to sessions
        </Link>
      </div>
    </div>
  )
}
