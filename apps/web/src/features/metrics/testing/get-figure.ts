import { screen } from '@testing-library/react'

/** The value shown under a headline figure's label (its `<dd>`). */
export function getFigure(label: string) {
  const term = screen.getAllByRole('term').find((element) => element.textContent === label)
  if (!term) throw new Error(`No figure labelled "${label}"`)
  return term.nextElementSibling as HTMLElement
}
