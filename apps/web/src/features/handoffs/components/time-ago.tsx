import { useEffect, useState } from 'react'
import { formatDateTime, formatTimeAgo } from '../utils/format-time-ago.ts'

/** A relative time that keeps itself current while on screen. */
export function TimeAgo({ iso }: { iso: string }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000)
    return () => window.clearInterval(timer)
  }, [])
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatTimeAgo(iso, now)}
    </time>
  )
}
