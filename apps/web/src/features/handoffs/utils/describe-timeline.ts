import type { TimelineStep } from '../api/types.ts'

const firstName = (name: string) => name.trim().split(/\s+/)[0] || name
const names = (people: Array<{ name: string }>) => {
  const first = people.map((p) => firstName(p.name))
  return first.length <= 2 ? first.join(' and ') : `${first.slice(0, -1).join(', ')} and ${first.at(-1)}`
}

/** One step, as a phrase: "Sent to Sam at 14:02", "re-sent 14:07", "sent to everyone 14:17". */
export function describeStep(step: TimelineStep, index: number, formatTime: (iso: string) => string): string {
  const at = formatTime(step.at)
  switch (step.kind) {
    case 'sent': {
      const to = step.to && step.to.length > 0 ? names(step.to) : 'all seniors'
      return `${index === 0 ? 'Sent' : 'sent'} to ${to} at ${at}`
    }
    case 'renotified':
      return `re-sent ${at}`
    case 'widened':
      return `sent to everyone ${at}`
    case 'claimed':
      return step.to && step.to.length > 0 ? `picked up by ${names(step.to)} ${at}` : `picked up ${at}`
  }
}

export const formatClock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
