import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { SessionDetailResponse } from '@resolutionflow/shared/sessions.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import {
  callsTo,
  createSseResponse,
  errorResponse,
  jsonResponse,
  mockFetch,
  type FakeHandler,
} from '../../../testing/fake-api.ts'
import { jamie, makeDetail, makeMessage, makeTask } from '../../../testing/fixtures.ts'
import { createTestQueryClient, renderWithProviders } from '../../../testing/render.tsx'
import { useSendMessage } from '../api/send-message.ts'
import { ChatView } from './chat-view.tsx'
import { UNSENT_HINT } from './conversation.tsx'

const MESSAGES_PATH = '/api/sessions/s1/messages'
const REPLY_PATH = '/api/sessions/s1/reply'

/** A chat page on session s1 whose replies the test streams by hand. */
/** Another feature sending through the same path, as the handoff screen's "Get AI analysis" does. */
function BriefingButton() {
  const { send } = useSendMessage('s1')
  return (
    <button type="button" onClick={() => void send('I am picking up this session.')}>
      Get AI analysis
    </button>
  )
}

function setupChat(initial: SessionDetailResponse = makeDetail(), options: { sendHandler?: FakeHandler } = {}) {
  let detail = initial
  const streams: Array<ReturnType<typeof createSseResponse>> = []
  const streamReply: FakeHandler = ({ init }) => {
    const stream = createSseResponse(init.signal)
    streams.push(stream)
    return stream.response
  }
  const fetchMock = mockFetch({
    'GET /api/sessions/s1': () => jsonResponse(detail),
    'GET /api/assistant': () => jsonResponse({ kind: 'offline', label: 'Offline assistant' }),
    [`POST ${MESSAGES_PATH}`]: options.sendHandler ?? streamReply,
    [`POST ${REPLY_PATH}`]: streamReply,
  })
  const queryClient = createTestQueryClient()
  queryClient.setQueryData(queryKeys.me, jamie)
  const view = renderWithProviders(
    <>
      <ChatView sessionId="s1" />
      <BriefingButton />
    </>,
    { queryClient },
  )
  return {
    ...view,
    fetchMock,
    /** The reply stream of the n-th send. */
    stream: (n = 0) => {
      const s = streams[n]
      if (!s) throw new Error(`No reply stream #${n} yet`)
      return s
    },
    setServerDetail: (next: SessionDetailResponse) => {
      detail = next
    },
    composer: () => screen.getByRole('textbox', { name: 'Message' }),
  }
}

const userMessage = makeMessage({ id: 'm-user', content: 'Mapped drive is missing' })
const assistantMessage = makeMessage({
  id: 'm-reply',
  role: 'assistant',
  author: null,
  content: 'Check the **group policy** first.',
})

describe('ChatView', () => {
  it('shows the session, its messages and the offline-assistant label', async () => {
    setupChat(makeDetail({ messages: [userMessage, assistantMessage] }))
    expect(await screen.findByRole('heading', { name: 'Outlook keeps asking for a password' })).toBeInTheDocument()
    expect(screen.getByText('Mapped drive is missing')).toBeInTheDocument()
    expect(screen.getByText('group policy').tagName).toBe('STRONG')
    expect(await screen.findByText('Offline assistant')).toBeInTheDocument()
    expect(screen.getByText("The assistant's proposed steps will appear here")).toBeInTheDocument()
  })

  it('streams a reply token by token, then settles the messages and the task lane', async () => {
    const chat = setupChat()
    await chat.user.type(await screen.findByRole('textbox', { name: 'Message' }), 'Mapped drive is missing{Enter}')

    // The user's message shows at once, before the server says anything.
    expect(screen.getByText('Mapped drive is missing')).toBeInTheDocument()
    expect(chat.composer()).toBeDisabled()
    const [call] = callsTo(chat.fetchMock, 'POST', MESSAGES_PATH)
    expect(call?.body).toEqual({ content: 'Mapped drive is missing' })
    expect(new Headers(call?.init.headers).get('Accept')).toBe('text/event-stream')

    const reply = chat.stream()
    act(() => reply.send('user_message', { message: userMessage }))
    act(() => reply.send('delta', { text: 'Check the ' }))
    expect(await screen.findByText('Check the')).toBeInTheDocument()
    act(() => reply.write('event: delta\ndata: {"text":"group'))
    act(() => reply.write(' policy"}\n\n'))
    expect(await screen.findByText('Check the group policy')).toBeInTheDocument()
    expect(screen.getByText('Assistant is replying')).toBeInTheDocument()

    const task = makeTask({ title: 'Run gpupdate /force' })
    chat.setServerDetail(makeDetail({ messages: [userMessage, assistantMessage], task_lane: [task] }))
    act(() => reply.send('done', { user_message: userMessage, assistant_message: assistantMessage, task_lane: [task] }))
    act(() => reply.close())

    expect(await screen.findByRole('heading', { name: 'Run gpupdate /force' })).toBeInTheDocument()
    expect(screen.getByText('group policy').tagName).toBe('STRONG')
    expect(screen.queryByText('Assistant is replying')).not.toBeInTheDocument()
    expect(chat.composer()).toBeEnabled()
    expect(within(screen.getByTestId('message-list')).getAllByText('Mapped drive is missing')).toHaveLength(1)
  })

  it('stops a streaming reply: the request is aborted and the partial text stays, marked incomplete', async () => {
    const chat = setupChat()
    await chat.user.type(await screen.findByRole('textbox', { name: 'Message' }), 'Mapped drive is missing{Enter}')
    const reply = chat.stream()
    act(() => reply.send('user_message', { message: userMessage }))
    act(() => reply.send('delta', { text: 'Open the Group Policy' }))
    await screen.findByText('Open the Group Policy')
    // What the server keeps when the client goes away: the partial reply, marked incomplete.
    chat.setServerDetail(
      makeDetail({
        messages: [
          userMessage,
          makeMessage({ role: 'assistant', author: null, content: 'Open the Group Policy', incomplete: true }),
        ],
      }),
    )

    await chat.user.click(screen.getByRole('button', { name: 'Stop' }))

    const [call] = callsTo(chat.fetchMock, 'POST', MESSAGES_PATH)
    expect(call?.init.signal?.aborted).toBe(true)
    await waitFor(() => expect(chat.composer()).toBeEnabled())
    expect(screen.getByText('Open the Group Policy')).toBeInTheDocument()
    expect(screen.getByText(/this reply was cut off/i)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Stop' })).not.toBeInTheDocument()
  })

  it('shows an inline error with Retry when the reply fails; Retry has the stored message answered again, not sent twice', async () => {
    const chat = setupChat()
    await chat.user.type(await screen.findByRole('textbox', { name: 'Message' }), 'Mapped drive is missing{Enter}')
    const reply = chat.stream()
    act(() => reply.send('user_message', { message: userMessage }))
    // The server stored the message before the model failed; the refetch after the error brings it.
    chat.setServerDetail(makeDetail({ messages: [userMessage] }))
    act(() => reply.send('error', { code: 'LLM_UNAVAILABLE', message: 'The assistant is unavailable.' }))

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('The assistant is unavailable.')
    expect(chat.composer()).toBeEnabled()

    await chat.user.click(within(alert).getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(callsTo(chat.fetchMock, 'POST', REPLY_PATH)).toHaveLength(1))
    expect(callsTo(chat.fetchMock, 'POST', REPLY_PATH)[0]?.body).toBeUndefined()
    expect(callsTo(chat.fetchMock, 'POST', MESSAGES_PATH)).toHaveLength(1)
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()

    act(() => chat.stream(1).send('user_message', { message: userMessage }))
    act(() => chat.stream(1).send('delta', { text: 'Check the group policy' }))
    expect(await screen.findByText('Check the group policy')).toBeInTheDocument()
    expect(screen.getAllByText('Mapped drive is missing')).toHaveLength(1)
  })

  it('shows the answer, not an error, when Retry finds the message already answered (the first reply finished after all)', async () => {
    const chat = setupChat()
    await chat.user.type(await screen.findByRole('textbox', { name: 'Message' }), 'Mapped drive is missing{Enter}')
    act(() => chat.stream().send('user_message', { message: userMessage }))
    chat.setServerDetail(makeDetail({ messages: [userMessage] }))
    act(() => chat.stream().send('error', { code: 'LLM_UNAVAILABLE', message: 'The assistant is unavailable.' }))
    const alert = await screen.findByRole('alert')

    chat.fetchMock.mockImplementationOnce(async () => errorResponse(409, 'ALREADY_ANSWERED', 'The assistant already answered the latest message'))
    chat.setServerDetail(makeDetail({ messages: [userMessage, assistantMessage] }))
    await chat.user.click(within(alert).getByRole('button', { name: 'Retry' }))

    expect(await screen.findByText('group policy')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('sends the message again on Retry when the server never stored it', async () => {
    let refuse = true
    const chat = setupChat(makeDetail(), {
      sendHandler: ({ init }) => {
        if (refuse) return errorResponse(503, 'LLM_UNAVAILABLE', 'Try again shortly.')
        return createSseResponse(init.signal).response
      },
    })
    await chat.user.type(await screen.findByRole('textbox', { name: 'Message' }), 'VPN drops{Enter}')
    const alert = await screen.findByRole('alert')
    refuse = false
    await chat.user.click(within(alert).getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(callsTo(chat.fetchMock, 'POST', MESSAGES_PATH)).toHaveLength(2))
    expect(callsTo(chat.fetchMock, 'POST', MESSAGES_PATH)[1]?.body).toEqual({ content: 'VPN drops' })
    expect(callsTo(chat.fetchMock, 'POST', REPLY_PATH)).toHaveLength(0)
  })

  it('keeps a message the server refused on screen as not sent, with Retry', async () => {
    const chat = setupChat(makeDetail(), {
      sendHandler: () => errorResponse(503, 'LLM_UNAVAILABLE', 'Try again shortly.'),
    })
    await chat.user.type(await screen.findByRole('textbox', { name: 'Message' }), 'VPN drops{Enter}')

    expect(await screen.findByRole('alert')).toHaveTextContent('Try again shortly.')
    expect(screen.getByText('VPN drops')).toBeInTheDocument()
    expect(screen.getByText('Not sent')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument()
  })

  it('keeps a message the server never stored until it is retried or edited: the next one waits, Edit puts its text back', async () => {
    let refuse = true
    const chat = setupChat(makeDetail(), {
      sendHandler: ({ init }) => {
        if (refuse) return errorResponse(503, 'LLM_UNAVAILABLE', 'Try again shortly.')
        return createSseResponse(init.signal).response
      },
    })
    const box = await screen.findByRole('textbox', { name: 'Message' })
    await chat.user.type(box, 'VPN drops{Enter}')
    const alert = await screen.findByRole('alert')
    await chat.user.type(box, 'since Monday{Enter}')

    // The second message waits: sending it now would replace the first, which only this tab holds.
    expect(callsTo(chat.fetchMock, 'POST', MESSAGES_PATH)).toHaveLength(1)
    expect(screen.getByText(UNSENT_HINT)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled()

    await chat.user.click(within(alert).getByRole('button', { name: 'Edit message' }))
    expect(box).toHaveValue('VPN drops\n\nsince Monday')
    expect(box).toHaveFocus()
    expect(screen.queryByText('Not sent')).not.toBeInTheDocument()

    refuse = false
    await chat.user.click(screen.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(callsTo(chat.fetchMock, 'POST', MESSAGES_PATH)).toHaveLength(2))
    expect(callsTo(chat.fetchMock, 'POST', MESSAGES_PATH)[1]?.body).toEqual({ content: 'VPN drops\n\nsince Monday' })
  })

  it('shows a message sent from elsewhere (the handoff screen) streaming in the chat', async () => {
    const chat = setupChat()
    await screen.findByRole('textbox', { name: 'Message' })
    await chat.user.click(screen.getByRole('button', { name: 'Get AI analysis' }))

    expect(screen.getByText('I am picking up this session.')).toBeInTheDocument()
    expect(chat.composer()).toBeDisabled()
    act(() => chat.stream().send('delta', { text: 'Here is the plan' }))
    expect(await screen.findByText('Here is the plan')).toBeInTheDocument()
  })
  it('offers Retry for a message the server failed to answer on its own (a briefing), and streams the new answer', async () => {
    const briefing = makeMessage({ id: 'm-briefing', content: "I'm picking up this session from Jamie Rivera." })
    const chat = setupChat(makeDetail({ messages: [userMessage, assistantMessage, briefing] }))
    expect(await screen.findByText('The assistant did not answer this message.')).toBeInTheDocument()
    await chat.user.click(screen.getByRole('button', { name: 'Retry' }))

    // The stored briefing is answered again, not sent a second time.
    expect(callsTo(chat.fetchMock, 'POST', MESSAGES_PATH)).toHaveLength(0)
    expect(callsTo(chat.fetchMock, 'POST', REPLY_PATH)).toHaveLength(1)
    act(() => chat.stream().send('delta', { text: 'Here is the plan' }))
    expect(await screen.findByText('Here is the plan')).toBeInTheDocument()
    expect(screen.queryByText('The assistant did not answer this message.')).not.toBeInTheDocument()
  })

  it('offers no Retry while the server is still answering a message', async () => {
    const briefing = makeMessage({ id: 'm-briefing', content: "I'm picking up this session from Jamie Rivera.", answering: true })
    setupChat(makeDetail({ messages: [userMessage, assistantMessage, briefing] }))
    expect(await screen.findByText("I'm picking up this session from Jamie Rivera.")).toBeInTheDocument()
    expect(screen.queryByText('The assistant did not answer this message.')).not.toBeInTheDocument()
  })
})
