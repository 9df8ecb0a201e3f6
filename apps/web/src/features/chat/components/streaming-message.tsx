import { MarkdownContent } from './markdown.tsx'

/** The assistant's reply while it streams in; typing dots until the first words arrive. */
export function StreamingMessage({ text }: { text: string }) {
  return (
    <li className="message message--assistant message--streaming" data-role="assistant" aria-busy="true">
      <div className="message__meta">
        <span className="message__author">Assistant</span>
        <span className="message__state">
          <span className="typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span className="sr-only">Assistant is replying</span>
        </span>
      </div>
      {text && (
        <div className="message__body">
          <MarkdownContent>{text}</MarkdownContent>
        </div>
      )}
    </li>
  )
}
