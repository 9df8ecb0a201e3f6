import { useAssistantInfo } from '../api/get-assistant-info.ts'

/** Says plainly when answers come from the built-in offline playbooks rather than a model. */
export function AssistantLabel() {
  const { data } = useAssistantInfo()
  if (data?.kind !== 'offline') return null
  return (
    <span
      className="badge badge--neutral assistant-label"
      title="No language model is configured: answers come from built-in troubleshooting playbooks."
    >
      {data.label}
    </span>
  )
}
