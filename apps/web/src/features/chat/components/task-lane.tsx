import type { TaskItem } from '@resolutionflow/shared/sessions.ts'
import { useUpdateTask } from '../api/update-task.ts'
import { TaskCard } from './task-card.tsx'
import { TaskProgress } from './task-progress.tsx'

export type TaskLaneProps = {
  sessionId: string
  /** In the server's order: card `idx` gets `id="task-lane-card-{idx}"`. */
  tasks: TaskItem[]
  /** The viewer may not tick cards (not working the session): statuses only, no buttons. */
  readOnly?: boolean
  /** The card to scroll to and flash (e.g. from a suggested-step chip); null for none. */
  highlightedIndex?: number | null
  /** Called when the highlight animation ends, so the owner can clear `highlightedIndex`. */
  onHighlightEnd?: () => void
}

export function TaskLane({ sessionId, tasks, readOnly = false, highlightedIndex = null, onHighlightEnd }: TaskLaneProps) {
  const updateTask = useUpdateTask(sessionId)

  return (
    <section
      className="task-lane"
      data-testid="task-lane"
      aria-labelledby="task-lane-title"
      // Read-only cards hold nothing focusable: the lane itself takes focus, so it scrolls by keyboard.
      tabIndex={readOnly ? 0 : undefined}
    >
      <header className="task-lane__header">
        <h2 id="task-lane-title" className="task-lane__title">
          Task lane
        </h2>
        {tasks.length > 0 && <TaskProgress tasks={tasks} />}
      </header>
      {tasks.length === 0 ? (
        <p className="task-lane__empty">The assistant's proposed steps will appear here</p>
      ) : (
        <ol className="task-lane__list">
          {tasks.map((task, index) => (
            <TaskCard
              key={task.id}
              task={task}
              index={index}
              highlighted={highlightedIndex === index}
              onHighlightEnd={onHighlightEnd}
              onStatusChange={readOnly ? undefined : (status) => updateTask.mutate({ taskId: task.id, status })}
            />
          ))}
        </ol>
      )}
    </section>
  )
}
