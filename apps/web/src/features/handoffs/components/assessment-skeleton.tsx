import { Skeleton } from '../../../components/ui/skeleton.tsx'

/** Placeholder while the background assessment runs; its parent carries aria-busy. */
export function AssessmentSkeleton() {
  return (
    <div className="rf-assessment-skeleton">
      <p className="rf-assessment-skeleton__label">
        <span className="rf-pulse-dot" aria-hidden="true" />
        Analysing…
      </p>
      <Skeleton />
      <Skeleton />
      <Skeleton width="60%" />
      <div className="rf-assessment-skeleton__chips">
        <Skeleton width="8rem" height="1.75rem" />
        <Skeleton width="10rem" height="1.75rem" />
        <Skeleton width="7rem" height="1.75rem" />
      </div>
    </div>
  )
}
