import { memo } from 'react'
import Markdown, { type Components } from 'react-markdown'
import remarkGfm from 'remark-gfm'

const remarkPlugins = [remarkGfm]

const components: Components = {
  // Links in answers point at vendor docs: keep the chat open behind them.
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
  // An image in a message or a model reply is never loaded: its URL could carry the
  // conversation to whoever serves it (a prompt-injected `![](https://x/?leak=…)`). It is
  // shown as a link the reader may choose to open; the CSP's img-src backs this up.
  img: ({ src, alt }) => {
    const href = typeof src === 'string' ? src : ''
    const label = alt?.trim() ? `Image: ${alt.trim()}` : 'Image'
    return href ? (
      <a href={href} target="_blank" rel="noopener noreferrer" className="markdown-image-link" title={href}>
        {label}
      </a>
    ) : (
      <span className="markdown-image-link">{label}</span>
    )
  },
}

/** Assistant and user text as GitHub-flavoured markdown; raw HTML is never rendered, images never fetched. */
export const MarkdownContent = memo(function MarkdownContent({ children }: { children: string }) {
  return (
    <div className="markdown">
      <Markdown remarkPlugins={remarkPlugins} components={components}>
        {children}
      </Markdown>
    </div>
  )
})
