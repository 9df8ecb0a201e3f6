import { useEffect, useRef } from 'react'
import type { TaskItem, TaskStatus } from '@resolutionflow/shared/sessions.ts'
import { Button } from '../../../components/ui/button.tsx'
import { CheckIcon, SkipIcon, UndoIcon } from '../../../components/ui/icons.tsx'
import { taskLaneCardId } from '../../../lib/dom-ids.ts'
import { MarkdownContent } from './markdown.tsx'

type TaskCardProps = {
  task: TaskItem
  index: number
  highlighted: boolean
  onHighlightEnd?: () => void
  /** Omitted when the viewer may not change the card: its status shows, without buttons. */
  onStatusChange?: (status: TaskStatus) => void
}

const STATUS_LABEL: Record<TaskStatus, string> = { todo: 'To do', done: 'Done', skipped: 'Skipped' }

export function TaskCard({ task, index, highlighted, onHighlightEnd, onStatusChange }: TaskCardProps) {
  const ref = useRef<HTMLLIElement>(null)
  const titleId = `${taskLaneCardId(index)}-title`

  useEffect(() => {
    if (!highlighted) return
    const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches
    ref.current?.scrollIntoView?.({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' })
  }, [highlighted])

  return (
    <li
      ref={ref}
      id={taskLaneCardId(index)}
      data-status={task.status}
      className={['task-card', `task-card--${task.status}`, highlighted && 'is-highlighted'].filter(Boolean).join(' ')}
      aria-labelledby={titleId}
      onAnimationEnd={(event) => {
        if (event.animationName === 'task-card-highlight') onHighlightEnd?.()
      }}
    >
      <div className="task-card__head">
        <span className="task-card__index" aria-hidden="true">
          {task.status === 'done' ? <CheckIcon size={12} /> : index + 1}
        </span>
        <h3 id={titleId} className="task-card__title">
          {task.title}
        </h3>
        <span className={`task-card__status task-card__status--${task.status}`}>{STATUS_LABEL[task.status]}</span>
      </div>
      {task.detail && (
        <div className="task-card__detail">
          <MarkdownContent>{task.detail}</MarkdownContent>
        </div>
      )}
      {onStatusChange && (
        <div className="task-card__actions" role="group" aria-labelledby={titleId}>
          {task.status === 'todo' ? (
            <>
              <Button size="sm" variant="secondary" icon={<CheckIcon size={14} />} onClick={() => onStatusChange('done')}>
                Done
              </Button>
              <Button size="sm" variant="ghost" icon={<SkipIcon size={14} />} onClick={() => onStatusChange('skipped')}>
                Skip
              </Button>
            </>
          ) : (
            <Button size="sm" variant="ghost" icon={<UndoIcon size={14} />} onClick={() => onStatusChange('todo')}>
              Undo
            </Button>
          )}
        </div>
      )}
    </li>
  )
}
