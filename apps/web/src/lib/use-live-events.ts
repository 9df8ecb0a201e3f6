import { useEffect, useRef } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import type { DomainEventType } from '@resolutionflow/shared/events.ts'
import { connectLiveEvents, onLiveEvent, type LiveEventHandler } from './sse.ts'

/** Mounted once, in the signed-in layout: one live-event stream per tab. */
export function useLiveEvents() {
  const queryClient = useQueryClient()
  useEffect(() => connectLiveEvents(queryClient), [queryClient])
}

/** `onLiveEvent` for components: always calls the latest handler, subscribes once per type. */
export function useLiveEvent<T extends DomainEventType>(type: T, handler: LiveEventHandler<T>) {
  const latest = useRef(handler)
  useEffect(() => {
    latest.current = handler
  })
  useEffect(() => onLiveEvent<T>(type, (payload, meta) => latest.current(payload, meta)), [type])
}
