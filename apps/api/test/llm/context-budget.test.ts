import { describe, expect, it } from 'vitest'
import {
  estimateTokens,
  fitMessagesToBudget,
  MESSAGE_OVERHEAD_TOKENS,
  omittedMarker,
  type BudgetMessage,
} from '../../src/llm/context-budget.ts'

const system: BudgetMessage = { role: 'system', content: 'You are a helpdesk assistant.' }

/** A turn that costs exactly `tokens` estimated tokens including the per-message overhead. */
function turn(role: 'user' | 'assistant', label: string, tokens: number): BudgetMessage {
  const chars = (tokens - MESSAGE_OVERHEAD_TOKENS) * 4
  return { role, content: label.padEnd(chars, '.') }
}

function totalTokens(messages: BudgetMessage[]): number {
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + MESSAGE_OVERHEAD_TOKENS, 0)
}

describe('fitMessagesToBudget', () => {
  it('estimates about four characters per token', () => {
    expect(estimateTokens('')).toBe(0)
    expect(estimateTokens('abcd')).toBe(1)
    expect(estimateTokens('abcde')).toBe(2)
    expect(estimateTokens('x'.repeat(4000))).toBe(1000)
  })

  it('sends everything unchanged when it fits', () => {
    const messages = [system, turn('user', 'u1', 20), turn('assistant', 'a1', 20), turn('user', 'u2', 20)]
    const result = fitMessagesToBudget(messages, { maxTokens: 1000 })
    expect(result.messages).toEqual(messages)
    expect(result.omitted).toBe(0)
    expect(result.truncated).toBe(false)
  })

  it('drops the oldest turns first and says how many were omitted', () => {
    const turns = Array.from({ length: 10 }, (_, i) => turn(i % 2 === 0 ? 'user' : 'assistant', `turn-${i}`, 100))
    const messages = [system, ...turns]
    const result = fitMessagesToBudget(messages, { maxTokens: 450 })

    expect(result.messages[0]).toEqual(system)
    expect(result.messages[1]).toEqual({ role: 'system', content: omittedMarker(result.omitted) })
    const kept = result.messages.slice(2)
    // What is kept is the newest contiguous run, in the original order.
    expect(kept).toEqual(turns.slice(turns.length - kept.length))
    // 450 - system (12) - marker (12) leaves room for four 100-token turns.
    expect(kept.length).toBe(4)
    expect(result.omitted).toBe(6)
    expect(result.messages[1]!.content).toBe('[6 earlier messages omitted]')
    expect(totalTokens(result.messages)).toBeLessThanOrEqual(450)
  })

  it('keeps every leading system message', () => {
    const lane: BudgetMessage = { role: 'system', content: 'Task lane: 1. [done] Restart the spooler' }
    const result = fitMessagesToBudget([system, lane, turn('user', 'old', 200), turn('user', 'new', 50)], {
      maxTokens: 120,
    })
    expect(result.messages.map((m) => m.content.slice(0, 3))).toEqual(['You', 'Tas', '[1 ', 'new'])
  })

  it('keeps the newest user turn and shortens a long reply after it instead of dropping either', () => {
    const question = turn('user', 'question', 100)
    const messages = [system, turn('user', 'old', 100), turn('assistant', 'older answer', 100), question, turn('assistant', 'answer', 150)]
    const result = fitMessagesToBudget(messages, { maxTokens: 250 })

    expect(result.omitted).toBe(2)
    expect(result.truncated).toBe(true)
    expect(result.messages.slice(1).map((m) => m.role)).toEqual(['system', 'user', 'assistant'])
    expect(result.messages[2]).toEqual(question)
    const answer = result.messages[3]!.content
    expect(answer.startsWith('answer')).toBe(true)
    expect(answer).toMatch(/characters omitted/)
    expect(totalTokens(result.messages)).toBeLessThanOrEqual(250)
  })

  it('truncates the newest user turn when it alone exceeds the budget, keeping its start and end', () => {
    const long = `START ${'log line\n'.repeat(2000)} END`
    const result = fitMessagesToBudget([system, turn('user', 'old', 20), { role: 'user', content: long }], {
      maxTokens: 300,
    })
    expect(result.truncated).toBe(true)
    expect(result.omitted).toBe(1)
    const last = result.messages.at(-1)!
    expect(last.role).toBe('user')
    expect(last.content.startsWith('START')).toBe(true)
    expect(last.content.endsWith('END')).toBe(true)
    expect(last.content).toMatch(/\[… \d+ characters omitted …\]/)
    expect(last.content.length).toBeLessThan(long.length)
    expect(totalTokens(result.messages)).toBeLessThanOrEqual(300)
  })

  it('keeps the author name of the turns it keeps', () => {
    const result = fitMessagesToBudget([system, { role: 'user', content: 'hi', authorName: 'Sam Patel' }], {
      maxTokens: 100,
    })
    expect(result.messages[1]).toEqual({ role: 'user', content: 'hi', authorName: 'Sam Patel' })
  })
})
