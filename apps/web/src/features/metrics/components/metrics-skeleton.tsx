import { Skeleton } from '../../../components/ui/skeleton.tsx'

const FIGURES = 7

export function MetricsSkeleton() {
  return (
    <div className="metrics" aria-busy="true">
      <span className="sr-only" role="status">
        Loading team metrics
      </span>
      <Skeleton width="8rem" height="1.3rem" />
      <div className="metrics-figures">
        {Array.from({ length: FIGURES }, (_, i) => (
          <div key={i} className="metric-figure">
            <Skeleton width="70%" height="0.75rem" />
            <Skeleton width="40%" height="1.5rem" />
          </div>
        ))}
      </div>
      <div className="metrics-charts">
        <div className="metrics-card">
          <Skeleton width="10rem" height="1rem" />
          <Skeleton height="13rem" />
        </div>
        <div className="metrics-card">
          <Skeleton width="12rem" height="1rem" />
          <Skeleton height="7.5rem" />
        </div>
      </div>
    </div>
  )
}
