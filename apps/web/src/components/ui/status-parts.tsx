import { Fragment, type ReactNode } from 'react'

export type StatusPart = {
  content: ReactNode
  /** How it follows the part before it: "· 5 min. ago" (the default), or ": the note". */
  joiner?: '·' | ':'
  /** Set apart by a lighter weight (a time, a category), not a fainter colour, which would fail contrast on a tinted strip. */
  muted?: boolean
}

/**
 * A status line made of parts ("Resolved by Sam Patel", "SNMP status on the port",
 * "Configuration"), each wrapping as a unit with the separator to the next one attached to
 * its end: a narrow screen breaks the line between parts, never before a lone ":" or "·",
 * and consecutive parts are always separated. The separators are text, so the line reads
 * (and is announced) as "Resolved by Sam Patel: SNMP status on the port · Configuration".
 * Falsy parts are left out, so optional ones can be written inline.
 */
export function StatusParts({ parts }: { parts: ReadonlyArray<StatusPart | false | null | undefined | ''> }) {
  const shown = parts.filter((part): part is StatusPart => Boolean(part))
  return (
    <span className="status-parts">
      {shown.map((part, index) => {
        const next = shown[index + 1]
        return (
          // The order of a status line's parts is fixed: the index is a stable key.
          <Fragment key={index}>
            {/* A space between parts for the text (flex layout drops it; the gap spaces them on screen). */}
            {index > 0 && ' '}
            <span className={part.muted ? 'status-parts__part status-parts__part--muted' : 'status-parts__part'}>
              {part.content}
              {next && <span className="status-parts__joiner">{next.joiner === ':' ? ':' : ' ·'}</span>}
            </span>
          </Fragment>
        )
      })}
    </span>
  )
}
