import { useCallback, useState } from 'react'

/**
 * Owner state for `TaskLane`'s highlight: the route layer keeps it and hands
 * `highlight` to whatever should point at a card (the handoff screen's
 * suggested-step chips), and `highlightedIndex`/`clear` to the chat view.
 */
export function useTaskLaneHighlight() {
  const [highlightedIndex, setHighlightedIndex] = useState<number | null>(null)
  const clear = useCallback(() => setHighlightedIndex(null), [])
  const highlight = useCallback((index: number) => {
    // Clearing first restarts the animation when the same card is picked twice in a row.
    setHighlightedIndex(null)
    requestAnimationFrame(() => setHighlightedIndex(index))
  }, [])
  return { highlightedIndex, highlight, clear }
}
