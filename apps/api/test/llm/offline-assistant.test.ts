import { setImmediate } from 'node:timers'
import { describe, expect, it } from 'vitest'
import { AssessmentSchema } from '@resolutionflow/shared/handoffs.ts'
import { LlmError, type ConversationInput, type TaskLaneEntry } from '../../src/llm/assistant.ts'
import { createOfflineAssistant } from '../../src/llm/offline-assistant.ts'
import { GENERIC_PLAYBOOK, matchPlaybook, PLAYBOOKS, type Playbook } from '../../src/llm/playbooks.ts'

const assistant = createOfflineAssistant()

function ask(content: string, taskLane: TaskLaneEntry[] = []): ConversationInput {
  return { title: 'New session', messages: [{ role: 'user', content }], taskLane }
}

function playbook(id: string): Playbook {
  const found = PLAYBOOKS.find((p) => p.id === id)
  if (!found) throw new Error(`no playbook ${id}`)
  return found
}

function lane(steps: Array<{ title: string; detail: string }>, statuses: TaskLaneEntry['status'][]): TaskLaneEntry[] {
  return steps.map((s, i) => ({ ...s, status: statuses[i] ?? 'todo' }))
}

const descriptions: Array<[id: string, description: string]> = [
  ['printer', "Reception's printer says it's offline and nobody can print, jobs just sit in the queue."],
  ['vpn', "User working from home can't connect to the FortiClient VPN, it stops at 40% with a credential error."],
  ['m365-sign-in', 'Outlook keeps asking for her password since she changed it yesterday, Teams is fine.'],
  ['ad-account', "Mark's domain account keeps getting locked out every morning, I already unlocked it in ADUC twice."],
  ['disk-full', 'Server FS01 is almost out of space on C:, only 2 GB left and last night the backup failed.'],
  ['slow-pc', "The accountant's laptop is very slow, takes ten minutes to boot and Excel keeps freezing."],
  ['wifi', 'Laptops in the warehouse keep falling off the Wi-Fi, the signal only shows two bars.'],
  ['dns', 'Users can reach the intranet by IP but not by name, and nslookup times out against the DC.'],
  ['mfa', 'She got a new phone and Microsoft Authenticator no longer has her work account, so she cannot approve sign-ins.'],
  ['mapped-drives', 'Since the file server migration the S: mapped drive shows a red X and opening it gives access denied.'],
]

describe('playbooks', () => {
  it('has at least ten playbooks, each with 3–6 first steps and follow-up steps with real detail', () => {
    expect(PLAYBOOKS.length).toBeGreaterThanOrEqual(10)
    expect(new Set(PLAYBOOKS.map((p) => p.id)).size).toBe(PLAYBOOKS.length)
    for (const p of PLAYBOOKS) {
      expect(p.steps.length, p.id).toBeGreaterThanOrEqual(3)
      expect(p.steps.length, p.id).toBeLessThanOrEqual(6)
      expect(p.nextSteps.length, p.id).toBeGreaterThan(0)
      for (const step of [...p.steps, ...p.nextSteps]) {
        expect(step.title.length, step.title).toBeLessThanOrEqual(200)
        expect(step.detail.length, step.title).toBeGreaterThan(40)
      }
    }
  })

  it.each(descriptions)('picks the %s playbook for a realistic description', async (id, description) => {
    const expected = playbook(id)
    expect(matchPlaybook(ask(description))?.playbook.id).toBe(id)

    const reply = await assistant.reply(ask(description))
    expect(reply.text.startsWith(`**${expected.name}**`)).toBe(true)
    expect(reply.text).toContain(expected.answer)
    expect(reply.steps).toEqual(expected.steps)
  })

  it('covers every playbook with a description above', () => {
    expect(descriptions.map(([id]) => id).sort()).toEqual(PLAYBOOKS.map((p) => p.id).sort())
  })

  it('gives the honest generic answer with diagnostic steps when nothing matches', async () => {
    const input = ask('The CRM application crashes on launch with error 0xc0000005.')
    expect(matchPlaybook(input)).toBeNull()

    const reply = await assistant.reply(input)
    expect(reply.text).toContain('none of them clearly matches this yet')
    expect(reply.steps).toEqual(GENERIC_PLAYBOOK.steps)
    expect(reply.steps.map((s) => s.title)).toContain('Capture the exact error')
  })

  it('weights the most recent message highest when the topic changes', () => {
    const input: ConversationInput = {
      title: 'Printer issue',
      messages: [
        { role: 'user', content: 'The printer at reception is offline.' },
        { role: 'assistant', content: '…' },
        { role: 'user', content: 'Fixed that. Now the same user cannot connect to the VPN from home.' },
      ],
      taskLane: [],
    }
    expect(matchPlaybook(input)?.playbook.id).toBe('vpn')
  })

  it('stays on the session topic through a message without keywords', () => {
    const printer = playbook('printer')
    const input: ConversationInput = {
      title: 'New session',
      messages: [
        { role: 'user', content: 'Nobody can print, the printer shows offline.' },
        { role: 'assistant', content: '…' },
        { role: 'user', content: 'Done, no change.' },
        { role: 'assistant', content: '…' },
        { role: 'user', content: 'Still the same after that as well.' },
      ],
      taskLane: lane(printer.steps, ['done', 'done']),
    }
    expect(matchPlaybook(input)?.playbook.id).toBe('printer')
  })
})

describe('reply()', () => {
  it('streams word-sized chunks that concatenate to the text', async () => {
    const deltas: string[] = []
    const reply = await assistant.reply(ask('VPN will not connect'), { onDelta: (d) => deltas.push(d) })

    expect(deltas.join('')).toBe(reply.text)
    expect(deltas.length).toBeGreaterThan(50)
    for (const delta of deltas) expect(delta).toMatch(/^(\S+\s*|\s+)$/)
  })

  it('yields to the event loop between chunks', async () => {
    let otherWorkRan = false
    const seenByLaterDelta: boolean[] = []
    await assistant.reply(ask('VPN will not connect'), {
      onDelta: () => {
        if (seenByLaterDelta.length === 0) setImmediate(() => (otherWorkRan = true))
        seenByLaterDelta.push(otherWorkRan)
      },
    })
    expect(seenByLaterDelta[0]).toBe(false)
    expect(seenByLaterDelta[1]).toBe(true)
  })

  it('does not propose steps already in the lane, acknowledges done/skipped and offers the next ones', async () => {
    const printer = playbook('printer')
    const taskLane = lane(printer.steps, ['done', 'skipped', 'todo', 'todo', 'todo'])
    const input: ConversationInput = {
      title: 'Printer offline',
      messages: [
        { role: 'user', content: 'The printer in accounts is offline for everyone.' },
        { role: 'assistant', content: 'See the task lane.' },
        { role: 'user', content: 'Checked the panel, no errors there. Still offline.' },
      ],
      taskLane,
    }
    const reply = await assistant.reply(input)

    const laneTitles = taskLane.map((t) => t.title)
    expect(reply.steps.length).toBeGreaterThan(0)
    for (const step of reply.steps) expect(laneTitles).not.toContain(step.title)
    expect(reply.steps).toEqual(printer.nextSteps.slice(0, 3))
    expect(reply.text).toContain(`- Done: "${printer.steps[0]!.title}"`)
    expect(reply.text).toContain(`- Skipped: "${printer.steps[1]!.title}"`)
    expect(reply.text).toContain(`- Still open: "${printer.steps[2]!.title}"`)
    expect(reply.text).not.toContain(printer.answer)
  })

  it('treats lane titles case- and punctuation-insensitively', async () => {
    const printer = playbook('printer')
    const first = printer.steps[0]!
    const taskLane: TaskLaneEntry[] = [{ title: `${first.title.toUpperCase()}.`, detail: '', status: 'todo' }]
    const reply = await assistant.reply(ask('The printer is offline', taskLane))
    // The playbook counts as started, so this is a follow-up turn: at most three new steps.
    expect(reply.steps).toEqual(printer.steps.slice(1, 4))
  })

  it('asks a follow-up question and suggests escalating once the playbook is exhausted', async () => {
    const dns = playbook('dns')
    const taskLane = lane([...dns.steps, ...dns.nextSteps], [])
    const reply = await assistant.reply(ask('DNS still broken, nslookup fails', taskLane))
    expect(reply.steps).toEqual([])
    expect(reply.text).toContain(dns.followUpQuestion)
    expect(reply.text).toContain('escalate')
  })

  it('stops streaming and rejects with ABORTED when the signal aborts', async () => {
    const controller = new AbortController()
    const deltas: string[] = []
    const pending = assistant.reply(ask('Disk full on the file server'), {
      signal: controller.signal,
      onDelta: (d) => {
        deltas.push(d)
        if (deltas.length === 3) controller.abort()
      },
    })
    const error = await pending.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LlmError)
    expect((error as LlmError).code).toBe('ABORTED')
    expect(deltas).toHaveLength(3)
    const full = (await assistant.reply(ask('Disk full on the file server'))).text
    expect(full.startsWith(deltas.join(''))).toBe(true)
  })

  it('rejects at once with ABORTED when the signal is already aborted', async () => {
    const deltas: string[] = []
    const error = await assistant
      .reply(ask('VPN'), { signal: AbortSignal.abort(), onDelta: (d) => deltas.push(d) })
      .catch((e: unknown) => e)
    expect((error as LlmError).code).toBe('ABORTED')
    expect(deltas).toEqual([])
  })

  it('is deterministic', async () => {
    const input = ask('Outlook keeps prompting for the password')
    expect(await assistant.reply(input)).toEqual(await assistant.reply(input))
  })

  it('is labelled as the offline assistant', () => {
    expect(assistant.kind).toBe('offline')
    expect(assistant.label).toBe('Offline assistant')
  })
})

describe('assess()', () => {
  const vpn = playbook('vpn')
  const input = {
    title: 'VPN drops for remote user',
    messages: [
      {
        role: 'user' as const,
        content:
          'Dana at Globex cannot connect to the GlobalProtect VPN from home. It fails at the authentication stage. Is that normal?',
        authorName: 'Jamie Rivera',
      },
      { role: 'assistant' as const, content: 'Let us look at the client log.' },
      { role: 'user' as const, content: 'The client log says the certificate expired on 1 November.', authorName: 'Jamie Rivera' },
    ],
    taskLane: lane(vpn.steps, ['done', 'skipped', 'todo', 'todo']),
    escalatedBy: 'Jamie Rivera',
    similar: [],
    note: 'Client director is travelling tomorrow and needs VPN.',
  }

  it('returns a valid assessment built from the conversation, the lane and the note', async () => {
    const result = await assistant.assess(input)

    expect(AssessmentSchema.parse(result)).toEqual(result)
    expect(result.summary_prose).toContain('Jamie Rivera escalated')
    expect(result.summary_prose).toContain('Client director is travelling tomorrow and needs VPN')
    expect(result.summary_prose).toContain('Dana at Globex cannot connect')
    expect(result.summary_prose).toContain('1 of 4 task-lane steps done, 1 skipped, 2 open')

    expect(result.what_we_know).toContain('The client log says the certificate expired on 1 November.')
    expect(result.what_we_know).toContain('It fails at the authentication stage.')
    expect(result.what_we_know).not.toContain('Is that normal?')
    expect(result.what_we_know).toContain(`Done: ${vpn.steps[0]!.title}`)
    expect(result.what_we_know).toContain(`Skipped: ${vpn.steps[1]!.title}`)

    expect(result.likely_cause).toBe(vpn.likelyCause)
    // Open lane items first, by their exact titles, then the playbook's steps not in the lane.
    expect(result.suggested_steps.slice(0, 2)).toEqual([vpn.steps[2]!.title, vpn.steps[3]!.title])
    expect(result.suggested_steps[2]).toContain(vpn.nextSteps[0]!.title)
    expect(result.confidence).not.toBe('low')
  })

  it("quotes the report and the note as written, their own closing marks kept, and suggests each step once", async () => {
    const fix = { title: 'VPN fails after password change', resolution_note: 'Re-imported the client certificate' }
    const result = await assistant.assess({
      ...input,
      messages: [{ role: 'user', content: 'The VPN is down for the whole sales team!', authorName: 'Jamie Rivera' }],
      note: 'Is it the certificate?',
      similar: [
        fix,
        { title: 'Sales VPN down again', resolution_note: 're-imported the client certificate.' },
      ],
    })
    expect(result.summary_prose).toContain('The problem as first reported: "The VPN is down for the whole sales team!" ')
    expect(result.summary_prose).toContain('Their note: "Is it the certificate?" ')
    const normalized = result.suggested_steps.map((s) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim())
    expect(new Set(normalized).size).toBe(normalized.length)
    expect(result.suggested_steps.filter((s) => /re-imported the client certificate/i.test(s))).toEqual([`Try what fixed "${fix.title}": ${fix.resolution_note}`])
  })

  it('says the cause is not yet determined, with low confidence, when no playbook matches', async () => {
    const result = await assistant.assess({
      title: 'CRM crash',
      messages: [{ role: 'user', content: 'The CRM application crashes at launch for one user.' }],
      taskLane: [],
      escalatedBy: 'Jamie Rivera',
      similar: [],
      note: null,
    })
    expect(result.likely_cause).toMatch(/^Not yet determined/)
    expect(result.confidence).toBe('low')
    expect(result.what_we_know).toEqual(['The CRM application crashes at launch for one user.'])
    expect(result.summary_prose).not.toContain('Their note')
  })

  it('stays within the schema limits for a very long session', async () => {
    const long = 'The Wi-Fi keeps dropping in the warehouse and the signal is weak. '.repeat(200)
    const result = await assistant.assess({
      title: 'x'.repeat(500),
      messages: Array.from({ length: 80 }, (_, i) => ({ role: 'user' as const, content: `${i}: ${long}` })),
      taskLane: Array.from({ length: 40 }, (_, i) => ({ title: `Step ${i}`, detail: '', status: 'todo' as const })),
      escalatedBy: 'Jamie Rivera',
      similar: [],
      note: 'n'.repeat(3000),
    })
    expect(AssessmentSchema.safeParse(result).success).toBe(true)
    expect(result.suggested_steps.length).toBeLessThanOrEqual(20)
  })
})
