import { useCallback, useLayoutEffect, useRef, useState } from 'react'

/** How close to the bottom still counts as "following the conversation". */
const PINNED_THRESHOLD_PX = 48

/**
 * Keeps a scroll container at the bottom as content grows, unless the user
 * scrolled up to read: then it leaves them there and offers a way back.
 * `contentKey` changes whenever content was added; `forceKey` changes when the
 * user sent something, which always brings the view down.
 */
export function useStickToBottom<T extends HTMLElement>(contentKey: unknown, forceKey: unknown) {
  const ref = useRef<T>(null)
  const pinned = useRef(true)
  const [hasUnseen, setHasUnseen] = useState(false)

  const onScroll = useCallback(() => {
    const el = ref.current
    if (!el) return
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight <= PINNED_THRESHOLD_PX
    if (pinned.current) setHasUnseen(false)
  }, [])

  useLayoutEffect(() => {
    pinned.current = true
  }, [forceKey])

  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    if (pinned.current) el.scrollTop = el.scrollHeight
    else setHasUnseen(true)
  }, [contentKey, forceKey])

  const scrollToBottom = useCallback(() => {
    const el = ref.current
    if (!el) return
    pinned.current = true
    setHasUnseen(false)
    el.scrollTo({ top: el.scrollHeight, behavior: 'smooth' })
  }, [])

  return { ref, onScroll, hasUnseen, scrollToBottom }
}
