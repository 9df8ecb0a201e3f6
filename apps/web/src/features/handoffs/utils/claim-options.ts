import type { ClaimOption } from '@resolutionflow/shared/handoffs.ts'

/** The choices in screen order; "continue" only makes sense when there is a lane to continue. */
export function availableClaimOptions(hasTaskLane: boolean): ClaimOption[] {
  return hasTaskLane ? ['continue', 'ai_analysis', 'own'] : ['ai_analysis', 'own']
}

export function claimOptionTitle(option: ClaimOption, escalatedByName: string): string {
  switch (option) {
    case 'continue':
      return `Continue where ${escalatedByName} left off`
    case 'ai_analysis':
      return 'Get AI analysis'
    case 'own':
      return "I'll take it from here"
  }
}

export const claimOptionDescription: Record<ClaimOption, string> = {
  continue: 'Claim it quietly and land in the chat with its history and task lane.',
  ai_analysis: 'Claim it and send the assistant a briefing built from this assessment for fresh next steps.',
  own: 'Claim it and start typing in the chat yourself.',
}

/** How a past choice reads in "Picked up by … · … · {option}". */
export const claimOptionOutcome: Record<ClaimOption, string> = {
  continue: 'continued the session',
  ai_analysis: 'asked for AI analysis',
  own: 'took it from here',
}

/** "Press 1, 2 or 3" with three choices; with two, say which key does what. */
export function claimShortcutHint(options: ClaimOption[]): string {
  if (options.length === 3) return 'Press 1, 2 or 3 to choose.'
  return 'Press 1 for AI analysis or 2 to take it from here.'
}
