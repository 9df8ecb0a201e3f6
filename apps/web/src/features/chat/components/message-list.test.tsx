import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { jamie, makeMessage, sam } from '../../../testing/fixtures.ts'
import { MessageList } from './message-list.tsx'

describe('MessageList', () => {
  it('renders markdown: emphasis, code, lists and GFM tables', () => {
    const reply = makeMessage({
      role: 'assistant',
      author: null,
      content: [
        'Run **ipconfig /flushdns** first, then `nslookup contoso.com`.',
        '',
        '- Restart the DNS Client service',
        '- Check the hosts file',
        '',
        '| Record | Value |',
        '| --- | --- |',
        '| A | 10.0.0.4 |',
      ].join('\n'),
    })
    render(<MessageList messages={[reply]} />)

    expect(screen.getByText('ipconfig /flushdns').tagName).toBe('STRONG')
    expect(screen.getByText('nslookup contoso.com').tagName).toBe('CODE')
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(
      expect.arrayContaining(['Restart the DNS Client service', 'Check the hosts file']),
    )
    const table = screen.getByRole('table')
    expect(within(table).getByRole('columnheader', { name: 'Record' })).toBeInTheDocument()
    expect(within(table).getByRole('cell', { name: '10.0.0.4' })).toBeInTheDocument()
  })

  it("names the author of every user turn, since a senior may post in a junior's session", () => {
    render(
      <MessageList
        messages={[
          makeMessage({ content: 'The VPN drops every hour.', author: { id: jamie.id, name: jamie.name } }),
          makeMessage({ role: 'assistant', author: null, content: 'Check the idle timeout.' }),
          makeMessage({ content: 'Taking over from here.', author: { id: sam.id, name: sam.name } }),
        ]}
      />,
    )
    const items = within(screen.getByTestId('message-list')).getAllByRole('listitem')
    expect(items[0]).toHaveTextContent('Jamie Rivera')
    expect(items[1]).toHaveTextContent('Assistant')
    expect(items[2]).toHaveTextContent('Sam Patel')
    expect(items[2]).toHaveTextContent('Taking over from here.')
  })

  it('marks a reply that was cut off as incomplete', () => {
    render(
      <MessageList
        messages={[
          makeMessage({ role: 'assistant', author: null, content: 'First, open the', incomplete: true }),
          makeMessage({ role: 'assistant', author: null, content: 'A complete answer.' }),
        ]}
      />,
    )
    expect(screen.getAllByText(/this reply was cut off/i)).toHaveLength(1)
  })

  it('shows a message being sent and the reply streaming in after it', () => {
    render(
      <MessageList
        messages={[]}
        pendingMessage={{ message: makeMessage({ content: 'Printer is offline' }), state: 'sending' }}
        streamingText="Let's check the spooler"
      />,
    )
    expect(screen.getByText('Printer is offline')).toBeInTheDocument()
    expect(screen.getByText('Sending…')).toBeInTheDocument()
    expect(screen.getByText("Let's check the spooler")).toBeInTheDocument()
    expect(screen.getByText('Assistant is replying')).toBeInTheDocument()
  })

  it('invites the first message in an empty session', () => {
    render(<MessageList messages={[]} />)
    expect(screen.getByRole('heading', { name: "What's the customer's problem?" })).toBeInTheDocument()
  })

  it('never renders an image: a remote one becomes a link that is not fetched', () => {
    const reply = makeMessage({
      role: 'assistant',
      author: null,
      content: 'See ![status page](http://127.0.0.1:9/pixel.png?leak=printer) and ![](https://example.com/a.png).',
    })
    const { container } = render(<MessageList messages={[reply]} />)
    expect(container.querySelector('img')).toBeNull()
    const link = screen.getByRole('link', { name: 'Image: status page' })
    expect(link).toHaveAttribute('href', 'http://127.0.0.1:9/pixel.png?leak=printer')
    expect(link).toHaveAttribute('rel', 'noopener noreferrer')
    expect(screen.getByRole('link', { name: 'Image' })).toHaveAttribute('href', 'https://example.com/a.png')
  })
})
