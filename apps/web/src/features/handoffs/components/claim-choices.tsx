import type { ClaimOption } from '@resolutionflow/shared/handoffs.ts'
import { useId } from 'react'
import { claimOptionDescription, claimOptionTitle, claimShortcutHint } from '../utils/claim-options.ts'
import { ClaimChoiceButton } from './claim-choice-button.tsx'

type ClaimChoicesProps = {
  options: ClaimOption[]
  escalatedByName: string
  activeOption: ClaimOption | null
  onChoose: (option: ClaimOption) => void
}

/** The pick-up choices; while one runs, the others are disabled. */
export function ClaimChoices({ options, escalatedByName, activeOption, onChoose }: ClaimChoicesProps) {
  const headingId = useId()
  return (
    <section className="rf-choices" aria-labelledby={headingId}>
      <div className="rf-choices__head">
        <h3 id={headingId} className="rf-section-title">
          How do you want to pick this up?
        </h3>
        <p className="rf-choices__hint">{claimShortcutHint(options)}</p>
      </div>
      <div className={`rf-choices__grid rf-choices__grid--${options.length}`}>
        {options.map((option, index) => (
          <ClaimChoiceButton
            key={option}
            shortcut={index + 1}
            title={claimOptionTitle(option, escalatedByName)}
            description={claimOptionDescription[option]}
            running={activeOption === option}
            disabled={activeOption !== null && activeOption !== option}
            onChoose={() => onChoose(option)}
          />
        ))}
      </div>
    </section>
  )
}
