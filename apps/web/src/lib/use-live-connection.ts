import { useSyncExternalStore } from 'react'
import { getLiveConnectionState, subscribeLiveConnection, type LiveConnectionState } from './sse.ts'

/** The tab's live-stream state (see `LiveConnectionState`), re-rendering on each change. */
export function useLiveConnectionState(): LiveConnectionState {
  return useSyncExternalStore(subscribeLiveConnection, getLiveConnectionState)
}
