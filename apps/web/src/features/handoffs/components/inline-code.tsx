/**
 * Plain text in which `backticks` mark code (commands, registry values, cmdlets), as the
 * assessment writes it: shown as code, not as raw backticks. Nothing else is interpreted.
 */
export function InlineCode({ text }: { text: string }) {
  const parts = text.split(/(`[^`\n]+`)/)
  return (
    <>
      {parts.map((part, index) =>
        part.length > 2 && part.startsWith('`') && part.endsWith('`') ? (
          <code key={index} className="rf-code">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </>
  )
}
