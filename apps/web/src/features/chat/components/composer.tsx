import { useEffect, useImperativeHandle, useRef, useState, type FormEvent, type KeyboardEvent, type Ref } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import { SendIcon, StopIcon } from '../../../components/ui/icons.tsx'
import { CHAT_COMPOSER_ID } from '../../../lib/dom-ids.ts'
import { useBottomInset } from '../../../lib/use-bottom-inset.ts'

type ComposerProps = {
  onSend: (content: string) => void
  onStop: () => void
  isStreaming: boolean
  autoFocus?: boolean
  /** The viewer may not post here (not working the session): disabled, with the reason. */
  readOnly?: boolean
  /** Sending waits for something else first (a message that was not sent): the reason, shown as the hint. */
  blockedReason?: string | null
  ref?: Ref<ComposerHandle>
}

export type ComposerHandle = {
  /** Puts `text` back in the box, before whatever is being typed there, and focuses it. */
  restore: (text: string) => void
}

export const COMPOSER_READ_ONLY_TEXT = 'Only the people working this session can post here: whoever started it, or the senior who picked it up.'

export function Composer({ onSend, onStop, isStreaming, autoFocus, readOnly = false, blockedReason = null, ref }: ComposerProps) {
  const [content, setContent] = useState('')
  const textareaRef = useRef<HTMLTextAreaElement>(null)
  const formRef = useRef<HTMLFormElement>(null)
  // Pinned to the bottom of a phone's screen: toasts there sit above it, clear of Send.
  useBottomInset(formRef)
  // Disabling the textarea while streaming drops its focus; give it back after.
  const refocusAfterStream = useRef(false)

  useEffect(() => {
    if (!isStreaming && refocusAfterStream.current) {
      refocusAfterStream.current = false
      textareaRef.current?.focus()
    }
  }, [isStreaming])

  useImperativeHandle(ref, () => ({
    restore: (text) => {
      setContent((typed) => (typed.trim() ? `${text}\n\n${typed}` : text))
      textareaRef.current?.focus()
    },
  }))

  const submit = () => {
    const trimmed = content.trim()
    if (!trimmed || isStreaming || readOnly || blockedReason) return
    refocusAfterStream.current = document.activeElement === textareaRef.current
    onSend(trimmed)
    setContent('')
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends; Shift+Enter keeps the default (a new line); an IME composition's Enter only confirms the word.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      submit()
    }
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    submit()
  }

  return (
    <form ref={formRef} className="composer" onSubmit={onSubmit}>
      <label htmlFor={CHAT_COMPOSER_ID} className="sr-only">
        Message
      </label>
      <textarea
        ref={textareaRef}
        id={CHAT_COMPOSER_ID}
        className="composer__input"
        rows={2}
        placeholder={
          readOnly ? 'Read only' : isStreaming ? 'The assistant is replying…' : 'Describe the problem or ask a follow-up…'
        }
        value={content}
        onChange={(event) => setContent(event.target.value)}
        onKeyDown={onKeyDown}
        disabled={isStreaming}
        // Read-only rather than disabled: it stays focusable, so a senior who picks the session up
        // ("I'll take it from here") lands in it before the page re-renders it writable.
        readOnly={readOnly}
        aria-readonly={readOnly || undefined}
        autoFocus={autoFocus}
        aria-describedby="chat-composer-hint"
      />
      <div className="composer__bar">
        <span id="chat-composer-hint" className="composer__hint">
          {readOnly ? (
            COMPOSER_READ_ONLY_TEXT
          ) : blockedReason ? (
            blockedReason
          ) : (
            <>
              <kbd>Enter</kbd> to send, <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
            </>
          )}
        </span>
        {isStreaming ? (
          <Button variant="secondary" size="sm" icon={<StopIcon size={14} />} onClick={onStop}>
            Stop
          </Button>
        ) : (
          <Button type="submit" variant="primary" size="sm" icon={<SendIcon size={14} />} disabled={readOnly || Boolean(blockedReason) || !content.trim()}>
            Send
          </Button>
        )}
      </div>
    </form>
  )
}
