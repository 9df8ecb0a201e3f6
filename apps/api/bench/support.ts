import os from 'node:os'

/** Nearest-rank percentile of a sample, in the sample's unit. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
}

export function summarize(label: string, samples: number[]) {
  const s = [...samples].sort((a, b) => a - b)
  const fmt = (v: number) => v.toFixed(1)
  return `${label}: n=${s.length} p50=${fmt(percentile(s, 0.5))} ms p95=${fmt(percentile(s, 0.95))} ms p99=${fmt(percentile(s, 0.99))} ms max=${fmt(s.at(-1)!)} ms`
}

export function machine() {
  return `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`
}
