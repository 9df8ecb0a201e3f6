import { useState, type FormEvent } from 'react'
import type { Organization } from '@resolutionflow/shared/organization.ts'
import { Button } from '../../../components/ui/button.tsx'
import { FormError } from '../../../components/forms/form-error.tsx'
import { fieldError } from '../../../components/forms/field-errors.ts'
import { TextField } from '../../../components/forms/text-field.tsx'
import { useUpdateOrganization } from '../api/organization.ts'

// Where the API names each field in a 400 (`issues[].path`).
const FIELDS = {
  name: 'body.name',
  label: 'body.llm_model_label',
  renotify: 'body.escalation_policy.renotify_after_s',
  widen: 'body.escalation_policy.widen_after_s',
}

/** Name, the model label users see, and the escalation policy (the server validates each with the shared schema). */
export function GeneralSettingsForm({ organization }: { organization: Organization }) {
  const [name, setName] = useState(organization.name)
  const [label, setLabel] = useState(organization.llm_model_label ?? '')
  const [renotify, setRenotify] = useState(String(organization.escalation_policy.renotify_after_s))
  const [widen, setWiden] = useState(String(organization.escalation_policy.widen_after_s))
  const update = useUpdateOrganization()

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    update.mutate({
      name,
      llm_model_label: label.trim() || null,
      escalation_policy: { renotify_after_s: Number(renotify), widen_after_s: Number(widen) },
    })
  }

  return (
    <section className="card" aria-labelledby="general-title">
      <h2 id="general-title" className="card__title">
        Organization
      </h2>
      <form className="settings-form" onSubmit={onSubmit} noValidate>
        <TextField id="org-name" label="Name" value={name} onChange={setName} required error={fieldError(update.error, FIELDS.name)} />
        <TextField id="org-label" label="Model label shown to users" value={label} onChange={setLabel} hint="Empty: the model's own name." error={fieldError(update.error, FIELDS.label)} />
        <TextField id="org-renotify" label="Re-notify seniors after (seconds)" type="number" min={10} value={renotify} onChange={setRenotify} hint="At least 10. Default 300." error={fieldError(update.error, FIELDS.renotify)} />
        <TextField id="org-widen" label="Widen to all seniors after (seconds)" type="number" min={10} value={widen} onChange={setWiden} hint="At least 10. Default 900." error={fieldError(update.error, FIELDS.widen)} />
        <div className="settings-form__actions">
          <Button type="submit" variant="primary" loading={update.isPending}>
            Save settings
          </Button>
          {update.isSuccess && !update.isPending && (
            <span className="form-success" role="status">
              Saved
            </span>
          )}
        </div>
      </form>
      <FormError error={update.error} fields={Object.values(FIELDS)} />
      <p className="field__hint">
        SSO sign-in link for your team: <code>/login?organization={organization.slug}</code> (organization short name: <strong>{organization.slug}</strong>)
      </p>
    </section>
  )
}
