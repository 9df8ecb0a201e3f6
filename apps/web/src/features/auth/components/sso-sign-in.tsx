import { useState, type FormEvent } from 'react'
import { ssoErrorMessage } from '@resolutionflow/shared/sso.ts'
import { Button } from '../../../components/ui/button.tsx'

const LAST_ORGANIZATION = 'rf.sso.organization'

/**
 * Single sign-on: the organization's short name picks its identity provider; the browser
 * then goes to the provider and comes back signed in (or with `sso_error`, explained here).
 */
export function SsoSignIn({ initialOrganization, error }: { initialOrganization: string | null; error: string | null }) {
  const [organization, setOrganization] = useState(() => initialOrganization ?? localStorage.getItem(LAST_ORGANIZATION) ?? '')
  const [open, setOpen] = useState(Boolean(error || initialOrganization))
  const [leaving, setLeaving] = useState(false)
  const message = ssoErrorMessage(error)

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const slug = organization.trim().toLowerCase()
    if (!slug) return
    localStorage.setItem(LAST_ORGANIZATION, slug)
    setLeaving(true)
    // A full navigation, not fetch: the provider's pages take over the tab.
    window.location.assign(`/api/auth/oidc/start?organization=${encodeURIComponent(slug)}`)
  }

  return (
    <section className="sso" aria-labelledby="sso-title">
      <h2 id="sso-title" className="sr-only">
        Single sign-on
      </h2>
      {message && (
        <p className="form-error" role="alert">
          {message}
        </p>
      )}
      {open ? (
        <form className="sso__form" onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor="sso-organization" className="field__label">
              Organization
            </label>
            <input
              id="sso-organization"
              className="input"
              value={organization}
              onChange={(event) => setOrganization(event.target.value)}
              placeholder="acme-msp"
              aria-describedby="sso-organization-hint"
              autoCapitalize="none"
              spellCheck={false}
            />
            <p id="sso-organization-hint" className="field__hint">
              The short name your admin gave you (shown on their Settings page).
            </p>
          </div>
          <Button type="submit" className="login-form__submit" loading={leaving} disabled={!organization.trim()}>
            Continue with SSO
          </Button>
        </form>
      ) : (
        <Button className="login-form__submit" onClick={() => setOpen(true)}>
          Sign in with SSO (Microsoft Entra ID or OpenID Connect)
        </Button>
      )}
    </section>
  )
}
