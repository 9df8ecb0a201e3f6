import type { TaskItem } from '@resolutionflow/shared/sessions.ts'

export function TaskProgress({ tasks }: { tasks: TaskItem[] }) {
  const done = tasks.filter((task) => task.status === 'done').length
  const skipped = tasks.filter((task) => task.status === 'skipped').length
  const settled = ((done + skipped) / tasks.length) * 100
  return (
    <div className="task-progress">
      <p className="task-progress__text">
        {done} of {tasks.length} done{skipped > 0 && <span className="task-progress__skipped"> · {skipped} skipped</span>}
      </p>
      <div className="task-progress__track" aria-hidden="true">
        <span className="task-progress__bar" style={{ width: `${settled}%` }} />
      </div>
    </div>
  )
}
