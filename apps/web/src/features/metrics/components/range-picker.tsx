import { useId } from 'react'
import { METRICS_RANGES, type MetricsRangeDays } from '../utils/metrics-range.ts'
import '../metrics.css'

type RangePickerProps = { value: MetricsRangeDays; onChange: (days: MetricsRangeDays) => void }

/** Last 7 / 30 / 90 days, as native radios: arrow keys move between them for free. */
export function RangePicker({ value, onChange }: RangePickerProps) {
  const name = useId()
  return (
    <fieldset className="range-picker">
      <legend className="sr-only">Period</legend>
      {METRICS_RANGES.map((days) => (
        <label key={days} className="range-picker__option">
          <input
            type="radio"
            className="range-picker__input"
            name={name}
            value={days}
            checked={days === value}
            onChange={() => onChange(days)}
          />
          Last {days} days
        </label>
      ))}
    </fieldset>
  )
}
