import { Link } from 'react-router'
import { paths } from '../../../config/paths.ts'
import { formatRelativeTime } from '../../../lib/format-relative-time.ts'
import { useSimilarSessions } from '../api/get-similar-sessions.ts'

/** What fixed the organization's most similar past sessions: often the fastest lead. */
export function SimilarSessionsPanel({ handoffId }: { handoffId: string }) {
  const similar = useSimilarSessions(handoffId)
  const sessions = similar.data?.sessions ?? []
  if (similar.isPending || sessions.length === 0) return null
  const now = Date.now()
  return (
    <section className="rf-similar" aria-labelledby={`similar-${handoffId}`}>
      <h3 id={`similar-${handoffId}`} className="rf-section-title">
        Similar resolved sessions
      </h3>
      <ul className="rf-similar__list">
        {sessions.map((s) => (
          <li key={s.session_id} className="rf-similar__item">
            <Link to={paths.chat.getHref(s.session_id)} className="rf-similar__title">
              {s.title}
            </Link>
            <p className="rf-similar__note">{s.resolution_note}</p>
            <p className="rf-muted rf-similar__meta">Resolved {formatRelativeTime(s.resolved_at, now)}</p>
          </li>
        ))}
      </ul>
    </section>
  )
}
