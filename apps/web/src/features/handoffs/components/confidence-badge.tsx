import type { Assessment } from '@resolutionflow/shared/handoffs.ts'
import { Badge } from '../../../components/ui/badge.tsx'

const BADGE: Record<Assessment['confidence'], { label: string; tone: 'warning' | 'accent' | 'success' }> = {
  low: { label: 'Low confidence', tone: 'warning' },
  medium: { label: 'Medium confidence', tone: 'accent' },
  high: { label: 'High confidence', tone: 'success' },
}

export function ConfidenceBadge({ confidence }: { confidence: Assessment['confidence'] }) {
  const { label, tone } = BADGE[confidence]
  return <Badge tone={tone}>{label}</Badge>
}
