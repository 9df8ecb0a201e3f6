import { isRouteErrorResponse, Link, useRouteError } from 'react-router'
import { paths } from '../../config/paths.ts'

/** Router error boundary: a failed lazy chunk (after a deploy) or a render error. */
export function RouteError() {
  const error = useRouteError()
  const notFound = isRouteErrorResponse(error) && error.status === 404
  return (
    <div className="full-page-center">
      <div className="empty-state" role="alert">
        <h1 className="empty-state__title">{notFound ? 'Page not found' : 'Something went wrong'}</h1>
        <p className="empty-state__text">
          {notFound ? 'There is nothing at this address.' : 'The page failed to load. Reloading usually fixes it.'}
        </p>
        <div className="empty-state__actions">
          {!notFound && (
            <button type="button" className="btn btn--primary btn--md" onClick={() => window.location.reload()}>
              Reload
            </button>
          )}
          <Link to={paths.home.getHref()} className="btn btn--secondary btn--md">
            Go to sessions
          </Link>
        </div>
      </div>
    </div>
  )
}
