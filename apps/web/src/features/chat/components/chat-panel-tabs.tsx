import type { KeyboardEvent } from 'react'

export type ChatPanel = 'conversation' | 'tasks'

type ChatPanelTabsProps = {
  value: ChatPanel
  onChange: (panel: ChatPanel) => void
  /** "3 of 8" beside the lane's tab, so progress shows without switching. */
  taskSummary: string | null
}

export const CONVERSATION_PANEL_ID = 'chat-panel-conversation'
export const TASKS_PANEL_ID = 'chat-panel-tasks'

/**
 * On a phone the conversation and the task lane take turns on the whole width; these tabs
 * switch between them. On wider screens both show side by side and the stylesheet hides
 * the tabs.
 */
export function ChatPanelTabs({ value, onChange, taskSummary }: ChatPanelTabsProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return
    event.preventDefault()
    const next: ChatPanel = value === 'conversation' ? 'tasks' : 'conversation'
    onChange(next)
    event.currentTarget.querySelector<HTMLElement>(`[data-panel="${next}"]`)?.focus()
  }

  return (
    <div className="chat-tabs" role="tablist" aria-label="Chat panels" onKeyDown={onKeyDown}>
      <button
        type="button"
        role="tab"
        data-panel="conversation"
        className="chat-tabs__tab"
        aria-selected={value === 'conversation'}
        aria-controls={CONVERSATION_PANEL_ID}
        tabIndex={value === 'conversation' ? 0 : -1}
        onClick={() => onChange('conversation')}
      >
        Conversation
      </button>
      <button
        type="button"
        role="tab"
        data-panel="tasks"
        className="chat-tabs__tab"
        aria-selected={value === 'tasks'}
        aria-controls={TASKS_PANEL_ID}
        tabIndex={value === 'tasks' ? 0 : -1}
        onClick={() => onChange('tasks')}
      >
        Task lane
        {taskSummary && <span className="chat-tabs__count">{taskSummary}</span>}
      </button>
    </div>
  )
}
