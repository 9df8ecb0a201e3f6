import { Link } from 'react-router'
import { paths } from '../../config/paths.ts'

export function NotFoundRoute() {
  return (
    <div className="full-page-center">
      <div className="empty-state">
        <h1 className="empty-state__title">Page not found</h1>
        <p className="empty-state__text">There is nothing at this address.</p>
        <Link to={paths.home.getHref()} className="btn btn--secondary btn--md">
          Go to sessions
        </Link>
      </div>
    </div>
  )
}
