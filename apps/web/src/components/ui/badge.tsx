import type { ReactNode } from 'react'

type BadgeProps = { tone?: 'neutral' | 'accent' | 'warning' | 'success'; children: ReactNode }

export function Badge({ tone = 'neutral', children }: BadgeProps) {
  return <span className={`badge badge--${tone}`}>{children}</span>
}
