import { act, render, screen } from '@testing-library/react'
import { QueryClient } from '@tanstack/react-query'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { connectLiveEvents } from '../../lib/sse.ts'
import { LiveConnectionStatus } from './live-connection-status.tsx'

/** The browser's EventSource, played by the test. */
class FakeEventSource extends EventTarget {
  static instances: FakeEventSource[] = []
  readyState = 0
  constructor(readonly url: string) {
    super()
    FakeEventSource.instances.push(this)
  }
  close() {
    this.readyState = 2
  }
  open() {
    this.readyState = 1
    this.dispatchEvent(new Event('open'))
  }
  fail() {
    this.readyState = 0
    this.dispatchEvent(new Event('error'))
  }
}

const stream = () => FakeEventSource.instances.at(-1)!
let disconnect: () => void

beforeEach(() => {
  FakeEventSource.instances = []
  vi.stubGlobal('EventSource', FakeEventSource)
  disconnect = connectLiveEvents(new QueryClient())
})

afterEach(() => {
  disconnect()
  vi.unstubAllGlobals()
})

describe('LiveConnectionStatus', () => {
  it('says nothing while connecting or connected, "Reconnecting…" from a drop until the stream is back', () => {
    render(<LiveConnectionStatus />)
    const status = screen.getByRole('status')
    expect(status).toBeEmptyDOMElement()

    act(() => stream().open())
    expect(status).toBeEmptyDOMElement()

    act(() => stream().fail())
    expect(status).toHaveTextContent('Reconnecting…')
    // The same region throughout, so the change is announced.
    expect(screen.getByRole('status')).toBe(status)

    act(() => stream().open())
    expect(status).toBeEmptyDOMElement()
  })
})
