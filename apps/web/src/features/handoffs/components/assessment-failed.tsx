import { toast } from 'sonner'
import { Button } from '../../../components/ui/button.tsx'
import { useRegenerateAssessment } from '../api/regenerate-assessment.ts'

type AssessmentFailedProps = { handoffId: string; error: string | null; canRegenerate?: boolean }

/** The assessment run gave up: say so, and offer another run to those who may ask for one. */
export function AssessmentFailed({ handoffId, error, canRegenerate = true }: AssessmentFailedProps) {
  const regenerate = useRegenerateAssessment()
  const onRegenerate = () =>
    regenerate.mutate(handoffId, {
      onError: (cause) => toast.error(`Couldn't restart the analysis: ${cause.message}`),
    })

  return (
    <div className="rf-assessment-failed">
      <p className="rf-assessment-failed__title">The AI assessment couldn't be generated.</p>
      {error ? <p className="rf-muted">{error}</p> : null}
      {canRegenerate && (
        <Button variant="secondary" size="sm" loading={regenerate.isPending} onClick={onRegenerate}>
          Regenerate
        </Button>
      )}
    </div>
  )
}
