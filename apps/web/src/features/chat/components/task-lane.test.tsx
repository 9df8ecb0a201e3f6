import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { SessionDetailResponse, TaskItem } from '@resolutionflow/shared/sessions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import {
  callsTo,
  deferred,
  errorResponse,
  jsonResponse,
  mockFetch,
  type FakeRequest,
} from '../../../testing/fake-api.ts'
import { makeDetail, makeTask } from '../../../testing/fixtures.ts'
import { createTestQueryClient, renderWithProviders } from '../../../testing/render.tsx'
import { useSession } from '../api/get-session.ts'
import { TaskLane } from './task-lane.tsx'

const tasks: TaskItem[] = [
  makeTask({ id: 't1', title: 'Clear cached credentials', status: 'done', position: 0 }),
  makeTask({ id: 't2', title: 'Recreate the Outlook profile', status: 'todo', position: 1 }),
  makeTask({ id: 't3', title: 'Check modern authentication', status: 'skipped', position: 2 }),
]

/** The lane fed from the session cache, as on the chat page, so optimistic updates show. */
function LaneFromCache(props: { highlightedIndex?: number | null; onHighlightEnd?: () => void }) {
  const { data } = useSession('s1')
  return data ? <TaskLane sessionId="s1" tasks={data.task_lane} {...props} /> : null
}

function setupLane(detail: SessionDetailResponse, props: Parameters<typeof LaneFromCache>[0] = {}) {
  const queryClient = createTestQueryClient()
  queryClient.setQueryData(queryKeys.sessions.detail('s1'), detail)
  return renderWithProviders(<LaneFromCache {...props} />, { queryClient })
}

const card = (index: number) => document.getElementById(`task-lane-card-${index}`) as HTMLElement

describe('TaskLane', () => {
  it('shows statuses without buttons to a viewer who is not working the session', () => {
    mockFetch({})
    renderWithProviders(<TaskLane sessionId="s1" tasks={tasks} readOnly />)
    expect(within(card(1)).getByText('To do')).toBeInTheDocument()
    expect(screen.queryByRole('button')).not.toBeInTheDocument()
  })

  it('renders the cards in order with their ids, statuses and progress', () => {
    mockFetch({})
    setupLane(makeDetail({ task_lane: tasks }))

    const lane = screen.getByTestId('task-lane')
    const cards = within(lane).getAllByRole('listitem')
    expect(cards.map((c) => c.id)).toEqual(['task-lane-card-0', 'task-lane-card-1', 'task-lane-card-2'])
    expect(cards.map((c) => c.dataset.status)).toEqual(['done', 'todo', 'skipped'])
    expect(within(cards[1]!).getByRole('heading', { name: 'Recreate the Outlook profile' })).toBeInTheDocument()
    expect(within(cards[0]!).getByText('MicrosoftOffice16').tagName).toBe('CODE')
    expect(within(lane).getByText(/1 of 3 done/)).toBeInTheDocument()
  })

  it('shows where the steps will appear when there are none', () => {
    mockFetch({})
    setupLane(makeDetail())
    expect(screen.getByText("The assistant's proposed steps will appear here")).toBeInTheDocument()
    expect(document.getElementById('task-lane-card-0')).toBeNull()
  })

  it('marks a step done at once, then confirms it with PATCH', async () => {
    const response = deferred<Response>()
    const fetchMock = mockFetch({
      'PATCH /api/sessions/s1/tasks/t2': () => response.promise,
      'GET /api/sessions/s1': () =>
        jsonResponse(makeDetail({ task_lane: tasks.map((t) => (t.id === 't2' ? { ...t, status: 'done' as const } : t)) })),
    })
    const { user } = setupLane(makeDetail({ task_lane: tasks }))

    await user.click(within(card(1)).getByRole('button', { name: 'Done' }))

    expect(card(1)).toHaveAttribute('data-status', 'done')
    expect(screen.getByText(/2 of 3 done/)).toBeInTheDocument()
    expect(callsTo(fetchMock, 'PATCH', '/api/sessions/s1/tasks/t2').map((c) => c.body)).toEqual([{ status: 'done' }])

    response.resolve(jsonResponse({ task: { ...tasks[1], status: 'done' } }))
    await waitFor(() => expect(within(card(1)).getByRole('button', { name: 'Undo' })).toBeInTheDocument())
    expect(card(1)).toHaveAttribute('data-status', 'done')
  })

  it('skips a step and undoes it back to todo', async () => {
    // A small stateful server, so the refetch after each PATCH returns what was stored.
    let stored = tasks
    const patchTask = (id: string) => (request: FakeRequest) => {
      const { status } = request.json() as { status: TaskItem['status'] }
      stored = stored.map((t) => (t.id === id ? { ...t, status } : t))
      return jsonResponse({ task: stored.find((t) => t.id === id) })
    }
    const fetchMock = mockFetch({
      'PATCH /api/sessions/s1/tasks/t1': patchTask('t1'),
      'PATCH /api/sessions/s1/tasks/t2': patchTask('t2'),
      'GET /api/sessions/s1': () => jsonResponse(makeDetail({ task_lane: stored })),
    })
    const { user } = setupLane(makeDetail({ task_lane: tasks }))

    await user.click(within(card(1)).getByRole('button', { name: 'Skip' }))
    expect(card(1)).toHaveAttribute('data-status', 'skipped')
    await user.click(within(card(0)).getByRole('button', { name: 'Undo' }))
    expect(card(0)).toHaveAttribute('data-status', 'todo')

    expect(callsTo(fetchMock, 'PATCH', '/api/sessions/s1/tasks/t2').map((c) => c.body)).toEqual([{ status: 'skipped' }])
    expect(callsTo(fetchMock, 'PATCH', '/api/sessions/s1/tasks/t1').map((c) => c.body)).toEqual([{ status: 'todo' }])
    await waitFor(() => expect(screen.getByText(/0 of 3 done/)).toBeInTheDocument())
    expect(card(1)).toHaveAttribute('data-status', 'skipped')
  })

  it('rolls the card back and says so when the PATCH fails', async () => {
    mockFetch({
      'PATCH /api/sessions/s1/tasks/t2': () => errorResponse(500, 'INTERNAL', 'Internal error'),
      'GET /api/sessions/s1': () => jsonResponse(makeDetail({ task_lane: tasks })),
    })
    const { user } = setupLane(makeDetail({ task_lane: tasks }))

    await user.click(within(card(1)).getByRole('button', { name: 'Done' }))

    expect(await screen.findByText("Couldn't update the step")).toBeInTheDocument()
    expect(card(1)).toHaveAttribute('data-status', 'todo')
    expect(within(card(1)).getByRole('button', { name: 'Done' })).toBeInTheDocument()
  })

  it('highlights the chosen card until its animation ends', () => {
    mockFetch({})
    const onHighlightEnd = vi.fn()
    const scrollIntoView = vi.spyOn(Element.prototype, 'scrollIntoView')
    setupLane(makeDetail({ task_lane: tasks }), { highlightedIndex: 2, onHighlightEnd })

    expect(card(2)).toHaveClass('is-highlighted')
    expect(card(0)).not.toHaveClass('is-highlighted')
    expect(scrollIntoView.mock.contexts).toContain(card(2))

    // jsdom has no AnimationEvent: give a plain event the field React reads.
    const animationEnd = Object.assign(new Event('animationend', { bubbles: true }), {
      animationName: 'task-card-highlight',
    })
    fireEvent(card(2), animationEnd)
    expect(onHighlightEnd).toHaveBeenCalledOnce()
  })
})
