import { formatDateTime, formatRelativeTime } from '../../../lib/format-relative-time.ts'
import { useNow } from '../../../lib/use-now.ts'

/** A relative time ("5 min. ago") that keeps itself current; the exact time is in the tooltip. */
export function TimeAgo({ iso }: { iso: string }) {
  const now = useNow(30_000)
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelativeTime(iso, now)}
    </time>
  )
}
