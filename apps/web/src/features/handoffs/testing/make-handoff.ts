import type { Assessment, HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { jamie } from '../../../testing/fixtures.ts'

export const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString()

export const readyAssessment: Assessment = {
  summary_prose: 'Outlook prompts for a password every few minutes after the MFA rollout.',
  what_we_know: ['Only affects Outlook desktop', 'Webmail works fine'],
  likely_cause: 'Stale cached credentials from before modern authentication was enabled.',
  suggested_steps: ['Clear cached credentials', 'Check the mailbox for modern auth', 'Rebuild the Outlook profile'],
  confidence: 'medium',
}

export function makeHandoff(overrides: Partial<HandoffResponse> = {}): HandoffResponse {
  return {
    id: 'h1',
    session_id: 's1',
    session_title: 'Outlook keeps asking for a password',
    status: 'pending',
    handed_off_by: { id: jamie.id, name: jamie.name },
    handed_off_by_name: jamie.name,
    target_user: null,
    note: 'Tried a new profile already, no luck.',
    created_at: minutesAgo(5),
    claimed_by: null,
    claimed_at: null,
    claim_option: null,
    assessment_status: 'ready',
    assessment_error: null,
    assessed_at: minutesAgo(4),
    ai_assessment_data: readyAssessment,
    cancelled_by: null,
    cancelled_at: null,
    cancel_note: null,
    handed_back_at: null,
    hand_back_note: null,
    declines: [],
    ...overrides,
  }
}
