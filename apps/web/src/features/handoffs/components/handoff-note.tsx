type HandoffNoteProps = { note: string | null; authorName: string }

/** The junior's own words, set apart from the AI's. */
export function HandoffNote({ note, authorName }: HandoffNoteProps) {
  return (
    <figure className="rf-handoff-note">
      <figcaption>Note from {authorName}</figcaption>
      {note ? (
        <blockquote>{note}</blockquote>
      ) : (
        <p className="rf-handoff-note__empty">{authorName} didn't leave a note.</p>
      )}
    </figure>
  )
}
