import { canGiveFeedback, FEEDBACK_PROBLEM_LABELS, FEEDBACK_PROBLEMS, type FeedbackProblem } from '@resolutionflow/shared/escalation-rules.ts'
import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { useState } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import { useMyFeedback, useSaveFeedback } from '../api/assessment-feedback.ts'
import type { Viewer } from '../utils/can-claim-handoff.ts'

/**
 * "Was this assessment useful?": one verdict per senior, editable. "Not useful" opens what
 * was wrong; each change is saved at once (the server keeps one row per senior).
 */
export function AssessmentFeedback({ handoff, viewer }: { handoff: HandoffResponse; viewer: Viewer }) {
  const allowed = canGiveFeedback(viewer, handoff)
  const mine = useMyFeedback(handoff.id, allowed)
  const save = useSaveFeedback()
  const [draftProblems, setDraftProblems] = useState<FeedbackProblem[] | null>(null)
  if (!allowed) return null

  const feedback = mine.data?.feedback ?? null
  const problems = draftProblems ?? feedback?.problems ?? []
  const send = (useful: boolean, next: FeedbackProblem[] = useful ? [] : problems) =>
    save.mutate({ handoffId: handoff.id, useful, problems: next }, { onSuccess: () => setDraftProblems(null) })
  const toggle = (p: FeedbackProblem) => {
    const next = problems.includes(p) ? problems.filter((x) => x !== p) : [...problems, p]
    setDraftProblems(next)
    send(false, next)
  }

  return (
    <section className="rf-feedback" aria-label="Feedback on the assessment">
      <div className="rf-feedback__row">
        <span className="rf-section-title">Was this assessment useful?</span>
        <Button size="sm" variant={feedback?.useful === true ? 'primary' : 'secondary'} aria-pressed={feedback?.useful === true} onClick={() => send(true)} disabled={save.isPending}>
          Useful
        </Button>
        <Button size="sm" variant={feedback?.useful === false ? 'primary' : 'secondary'} aria-pressed={feedback?.useful === false} onClick={() => send(false)} disabled={save.isPending}>
          Not useful
        </Button>
        <span role="status" className="rf-muted rf-feedback__saved">
          {feedback && !save.isPending ? 'Thanks, saved' : null}
        </span>
      </div>
      {feedback?.useful === false ? (
        <fieldset className="rf-feedback__problems">
          <legend className="rf-muted">What was wrong?</legend>
          {FEEDBACK_PROBLEMS.map((p) => (
            <label key={p} className="rf-feedback__problem">
              <input type="checkbox" checked={problems.includes(p)} onChange={() => toggle(p)} disabled={save.isPending} /> {FEEDBACK_PROBLEM_LABELS[p]}
            </label>
          ))}
        </fieldset>
      ) : null}
      {save.error ? (
        <p className="form-error" role="alert">
          {save.error.message}
        </p>
      ) : null}
    </section>
  )
}
