import type { ReactNode } from 'react'

type ChartCardProps = {
  titleId: string
  title: string
  /** A line under the title, e.g. what the bars are measured in. */
  subtitle?: string
  /** The legend, beside the title. */
  legend?: ReactNode
  children: ReactNode
}

/** The frame around one chart: a titled section whose heading names the chart and its table. */
export function ChartCard({ titleId, title, subtitle, legend, children }: ChartCardProps) {
  return (
    <section className="metrics-card" aria-labelledby={titleId}>
      <div className="metrics-card__header">
        <div>
          <h2 id={titleId} className="metrics-card__title">
            {title}
          </h2>
          {subtitle && <p className="metrics-card__subtitle">{subtitle}</p>}
        </div>
        {legend}
      </div>
      {children}
    </section>
  )
}
