import type { ClaimOption } from '@resolutionflow/shared/handoffs.ts'
import { useEffect, useRef } from 'react'

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

/** Keys 1, 2, 3 pick the option at that position while `enabled`. */
export function useClaimShortcuts({
  options,
  enabled,
  onChoose,
}: {
  options: ClaimOption[]
  enabled: boolean
  onChoose: (option: ClaimOption) => void
}) {
  const onChooseRef = useRef(onChoose)
  useEffect(() => {
    onChooseRef.current = onChoose
  })

  useEffect(() => {
    if (!enabled) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.repeat || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return
      const option = options[Number(event.key) - 1]
      if (!/^[1-9]$/.test(event.key) || !option) return
      event.preventDefault()
      onChooseRef.current(option)
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [enabled, options])
}
