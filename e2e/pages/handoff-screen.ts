import type { Locator, Page } from '@playwright/test'

/**
 * The handoff context screen over the chat: the pick-up choices (`?pickup=true`) or,
 * after the claim, the read-only overlay with a Close button (`?handoff=open`).
 */
export class HandoffScreen {
  readonly root: Locator
  readonly assessment: Locator
  readonly analysing: Locator
  readonly suggestedSteps: Locator
  readonly choicesHeading: Locator
  readonly continueChoice: Locator
  readonly aiAnalysisChoice: Locator
  readonly ownChoice: Locator
  readonly notNow: Locator
  readonly close: Locator

  constructor(readonly page: Page, escalatedBy = 'Jamie Rivera') {
    this.root = page.getByRole('dialog', { name: /^Handoff:/ })
    this.assessment = this.root.getByRole('region', { name: 'AI assessment' })
    this.analysing = this.assessment.getByText('Analysing…')
    this.suggestedSteps = this.assessment.getByRole('region', { name: 'Suggested steps' })
    this.choicesHeading = this.root.getByRole('heading', { name: 'How do you want to pick this up?' })
    this.continueChoice = this.root.getByRole('button', { name: `Continue where ${escalatedBy} left off` })
    this.aiAnalysisChoice = this.root.getByRole('button', { name: 'Get AI analysis' })
    this.ownChoice = this.root.getByRole('button', { name: "I'll take it from here" })
    this.notNow = this.root.getByRole('button', { name: 'Not now' })
    this.close = this.root.getByRole('button', { name: 'Close', exact: true })
  }

  /** Every pick-up choice, whatever its wording. */
  get choices(): Locator {
    return this.root.getByRole('button', { name: /^(Continue where .* left off|Get AI analysis|I'll take it from here)$/ })
  }

  /** A suggested step that names a task-lane card: a link to that card. */
  stepLink(step: string): Locator {
    return this.suggestedSteps.getByRole('link', { name: step, exact: true })
  }
}
