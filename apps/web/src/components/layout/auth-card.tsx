import type { ReactNode } from 'react'

/** The centred card of the signed-out pages: sign-in, first run, invitation and reset links. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <main className="login-page">
      <title>{`${title} · ResolutionFlow`}</title>
      <div className="login-card">
        <div className="login-card__brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand">ResolutionFlow</span>
        </div>
        <h1 className="login-card__title">{title}</h1>
        {subtitle && <p className="login-card__subtitle">{subtitle}</p>}
        {children}
      </div>
    </main>
  )
}
