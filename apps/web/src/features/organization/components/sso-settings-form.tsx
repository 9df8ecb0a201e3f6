import { useState, type FormEvent } from 'react'
import type { Organization } from '@resolutionflow/shared/organization.ts'
import { Button } from '../../../components/ui/button.tsx'
import { FormError } from '../../../components/forms/form-error.tsx'
import { TextField } from '../../../components/forms/text-field.tsx'
import { useUpdateOrganization } from '../api/organization.ts'

/**
 * OpenID Connect: issuer, client id and secret. The secret is write-only: the API only says
 * whether one is stored, so the field stays empty and "leave empty to keep" is the default.
 */
export function SsoSettingsForm({ organization, redirectUri }: { organization: Organization; redirectUri: string }) {
  const sso = organization.sso
  const [issuer, setIssuer] = useState(sso.issuer ?? '')
  const [clientId, setClientId] = useState(sso.client_id ?? '')
  const [secret, setSecret] = useState('')
  const [domains, setDomains] = useState(sso.jit_domains.join(', '))
  const update = useUpdateOrganization()

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    update.mutate(
      {
        sso: {
          issuer: issuer.trim() || null,
          client_id: clientId.trim() || null,
          ...(secret ? { client_secret: secret } : {}),
          jit_domains: domains.split(/[\s,]+/).filter(Boolean),
        },
      },
      { onSuccess: () => setSecret('') },
    )
  }

  return (
    <section className="card" aria-labelledby="sso-settings-title">
      <h2 id="sso-settings-title" className="card__title">
        Single sign-on (OpenID Connect)
      </h2>
      <p className="field__hint">
        For Microsoft Entra ID the issuer is <code>https://login.microsoftonline.com/&lt;tenant id&gt;/v2.0</code>. Register this redirect URI with your
        provider: <code>{redirectUri}</code>
      </p>
      <form className="settings-form" onSubmit={onSubmit} noValidate>
        <TextField id="sso-issuer" label="Issuer URL" type="url" value={issuer} onChange={setIssuer} />
        <TextField id="sso-client-id" label="Client ID" value={clientId} onChange={setClientId} />
        <div className="field">
          <label htmlFor="sso-secret" className="field__label">
            Client secret
          </label>
          <input
            id="sso-secret"
            className="input"
            type="password"
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            placeholder={sso.client_secret_set ? 'Stored; leave empty to keep' : 'Not set'}
          />
        </div>
        <TextField
          id="sso-domains"
          label="Just-in-time domains"
          value={domains}
          onChange={setDomains}
          hint="Unknown people with these e-mail domains get an engineer account at their first SSO sign-in. Empty: invited people only."
        />
        <div className="settings-form__actions">
          <Button type="submit" variant="primary" loading={update.isPending}>
            Save SSO
          </Button>
          {sso.enabled && <span className="form-success">SSO is on</span>}
        </div>
      </form>
      <FormError error={update.error} />
    </section>
  )
}
