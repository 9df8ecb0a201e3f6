type SkeletonProps = { width?: string; height?: string; className?: string }

/** A placeholder shape; the region around it says what is loading (e.g. `aria-busy`). */
export function Skeleton({ width = '100%', height = '0.875rem', className }: SkeletonProps) {
  return <span className={['skeleton', className].filter(Boolean).join(' ')} style={{ width, height }} aria-hidden="true" />
}
