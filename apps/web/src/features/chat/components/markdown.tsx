import { memo } from 'react'
import Markdown, { type Components } from 'react-markdown'
import remarkGfm from 'remark-gfm'

const remarkPlugins = [remarkGfm]

const components: Components = {
  // Links in answers point at vendor docs: keep the chat open behind them.
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
}

/** Assistant and user text as GitHub-flavoured markdown; raw HTML is never rendered. */
export const MarkdownContent = memo(function MarkdownContent({ children }: { children: string }) {
  return (
    <div className="markdown">
      <Markdown remarkPlugins={remarkPlugins} components={components}>
        {children}
      </Markdown>
    </div>
  )
})
