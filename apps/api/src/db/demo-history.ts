import { randomUUID } from 'node:crypto'
import type { Prisma } from '../generated/prisma/client.ts'
import { buildSearchDocument } from '../services/handoffs/find-similar-sessions.ts'

type Person = { id: string; organizationId: string; name: string }

/** Resolved escalations of the demo history: what the engineer reported, what fixed it, its category. */
const HISTORY: Array<{ title: string; report: string; resolution: string; rootCause: string }> = [
  { title: 'Front desk printer offline at Harbor Legal', report: 'The HP LaserJet at the front desk shows Offline on every PC. It pings and its web page loads; restarting the spooler did nothing.', resolution: 'Unticked "SNMP Status Enabled" on the printer port on the print server: SNMP is off on the printer.', rootCause: 'configuration' },
  { title: 'Outlook asks for the password all day', report: 'Outlook desktop prompts for the Microsoft 365 password over and over for one user since her password change. Webmail works.', resolution: 'Cleared the stale MicrosoftOffice16 entries in Credential Manager and signed in again.', rootCause: 'account' },
  { title: 'VPN disconnects every 10 minutes from home', report: 'GlobalProtect drops every few minutes on home Wi-Fi; wired it is stable.', resolution: 'Turned off power saving on the Wi-Fi adapter (Device Manager, Power Management).', rootCause: 'network' },
  { title: 'Access denied on the Finance share', report: 'New finance hire gets Access denied on \\\\FS01\\Finance although she is in the Finance group since this morning.', resolution: 'She signed out and back in to refresh her Kerberos ticket with the new group (klist purge).', rootCause: 'permissions' },
  { title: 'New Teams crashes at launch', report: 'New Teams closes right after the splash screen on three PCs; Event Viewer shows WebView2 errors.', resolution: 'Repaired the Edge WebView2 runtime and reset Teams from Installed apps.', rootCause: 'software_bug' },
  { title: 'Websites slow to start loading', report: 'Every site takes 3-5 seconds before it begins to load, then it is fast. Whole office.', resolution: 'The DC forwarded DNS to the old ISP resolvers, which time out: replaced the forwarders.', rootCause: 'network' },
  { title: 'Sales rep locked out several times a day', report: 'AD account of a sales rep locks out every hour; event 4740 names the Exchange server as the source. She changed her password last week.', resolution: 'Her phone still had the old password in its mail profile: updated it.', rootCause: 'account' },
  { title: 'Mail to a supplier bounces with SPF fail', report: 'Our mail to one supplier is rejected: NDR says SPF fail, since the new mail filter went live.', resolution: 'Added the mail filter\'s outbound hosts to our SPF record.', rootCause: 'configuration' },
  { title: 'Cumulative update fails with 0x80070070', report: 'Reception PCs roll back the monthly update with 0x80070070; 128 GB SSDs.', resolution: 'Freed disk space (Disk Cleanup with system files, old update cache): 0x80070070 is low disk space.', rootCause: 'hardware' },
  { title: 'Phones get a 169.254 address on staff Wi-Fi', report: 'New phones join the staff Wi-Fi but get 169.254 addresses and no internet.', resolution: 'The DHCP scope was exhausted: extended it and shortened the lease time.', rootCause: 'configuration' },
  { title: 'OneDrive stuck: path too long', report: 'OneDrive stopped syncing a project folder with "path too long".', resolution: 'Shortened the nested folder names below the 400-character path limit.', rootCause: 'user_error' },
  { title: 'Copier scan to email stopped', report: 'The bizhub copier cannot send scans by email any more; SMTP authentication fails against Microsoft 365.', resolution: 'Basic auth for SMTP is off: set up a Microsoft 365 SMTP relay connector for the copier IP.', rootCause: 'third_party' },
  { title: 'RD Gateway connections fail', report: 'Nobody can connect through the RD Gateway this morning; the client warns about the gateway certificate.', resolution: 'Renewed the expired RD Gateway certificate and bound it in RD Gateway Manager.', rootCause: 'configuration' },
  { title: 'Desk phones drop calls after 30 seconds', report: 'Yealink desk phones drop every call after about 30 seconds since the new router.', resolution: 'Disabled SIP ALG on the new router.', rootCause: 'network' },
  { title: 'Nightly file server backup fails (VSS)', report: 'Backup of FS01 fails every night with a VSS writer error.', resolution: 'Restarted the failed VSS writer\'s service (vssadmin list writers) and the job ran.', rootCause: 'software_bug' },
  { title: 'Latitude will not boot, amber/white blinks', report: 'Dell Latitude 5420 does not boot; power LED blinks amber 2, white 3.', resolution: 'Reseated the RAM module: the 2-3 code is memory.', rootCause: 'hardware' },
  { title: 'Shared calendar missing in Outlook', report: 'The team calendar does not show for a new starter.', resolution: 'Granted her Reviewer on the team calendar.', rootCause: 'permissions' },
  { title: 'Certificate warnings on every site', report: 'Every HTTPS site shows a certificate warning on one old PC.', resolution: 'The PC clock was years off: replaced the CMOS battery and synced the time.', rootCause: 'hardware' },
  { title: 'Cannot send as the info@ mailbox', report: 'Reception cannot send as info@ from Outlook.', resolution: 'Granted Send As on the info mailbox (Exchange admin center) and restarted Outlook.', rootCause: 'permissions' },
  { title: 'Line-of-business app crashes opening the company file', report: 'Sage 50 crashes when opening the company file from the server share.', resolution: 'Excluded the Sage data folder from real-time antivirus scanning.', rootCause: 'third_party' },
]

const ASSESSMENT = (title: string) => ({
  summary_prose: `An engineer escalated "${title}" after the first checks did not settle it.`,
  what_we_know: ['The first checks were done and noted in the session.'],
  likely_cause: 'See the session: the assessment of a past escalation.',
  suggested_steps: ['Review what the engineer tried'],
  confidence: 'medium',
})

/**
 * A month of escalations that ended (resolved, a few cancelled, some declined first, most
 * rated), so the metrics page and "Similar resolved sessions" mean something on first
 * start. Written with a few createMany statements: the seed stays quick. Jamie reported
 * them; Sam and Morgan picked them up.
 */
export async function seedDemoHistory(tx: Prisma.TransactionClient, people: { jamie: Person; sam: Person; morgan: Person }) {
  const { jamie, sam, morgan } = people
  const sessions: Prisma.ChatSessionCreateManyInput[] = []
  const messages: Prisma.MessageCreateManyInput[] = []
  const handoffs: Prisma.HandoffCreateManyInput[] = []
  const declines: Prisma.HandoffDeclineCreateManyInput[] = []
  const feedback: Prisma.HandoffFeedbackCreateManyInput[] = []
  const minutes = (m: number) => m * 60_000

  // Two rounds over the problems, spread over days 1..29 ago; deterministic, so every start looks the same.
  for (let i = 0; i < HISTORY.length * 2; i++) {
    const item = HISTORY[i % HISTORY.length]!
    const escalatedAt = new Date(Date.now() - (1 + ((i * 7) % 29)) * 86_400_000 - minutes(60 + ((i * 37) % 420)))
    const senior = i % 3 === 0 ? morgan : sam
    const cancelled = i % 9 === 4
    const open = i % 11 === 7
    const sessionId = randomUUID()
    const handoffId = randomUUID()
    const claimedAt = new Date(escalatedAt.getTime() + minutes(2 + ((i * 13) % 45)))
    const resolvedAt = new Date(claimedAt.getTime() + minutes(15 + ((i * 53) % 360)))
    const title = i < HISTORY.length ? item.title : `${item.title} (again)`
    const resolution = cancelled ? `Solved it myself: ${item.resolution}` : item.resolution
    sessions.push({
      id: sessionId,
      organizationId: jamie.organizationId,
      createdById: jamie.id,
      title,
      createdAt: new Date(escalatedAt.getTime() - minutes(25)),
      lastActivityAt: open ? claimedAt : resolvedAt,
      ...(open
        ? {}
        : {
            status: 'resolved' as const,
            resolvedAt,
            resolvedById: cancelled ? jamie.id : senior.id,
            resolutionNote: resolution,
            rootCause: i % 5 === 3 ? null : item.rootCause,
            searchDocument: buildSearchDocument({ title, userMessages: [item.report], resolutionNote: resolution, rootCause: item.rootCause }),
          }),
    })
    messages.push({ sessionId, authorId: jamie.id, role: 'user', content: item.report, createdAt: new Date(escalatedAt.getTime() - minutes(25)) })
    handoffs.push({
      id: handoffId,
      organizationId: jamie.organizationId,
      sessionId,
      handedOffById: jamie.id,
      createdAt: escalatedAt,
      assessmentStatus: 'ready',
      assessment: ASSESSMENT(title),
      assessmentAttempts: 1,
      assessedAt: new Date(escalatedAt.getTime() + 8_000 + ((i * 3) % 30) * 1000),
      ...(cancelled
        ? { status: 'cancelled' as const, cancelledById: jamie.id, cancelledAt: new Date(escalatedAt.getTime() + minutes(6)), cancelNote: 'Found it myself' }
        : { status: 'claimed' as const, claimedById: senior.id, claimedAt, claimOption: (['continue', 'ai_analysis', 'own'] as const)[i % 3] }),
    })
    if (i % 4 === 1) declines.push({ handoffId, userId: senior === sam ? morgan.id : sam.id, reason: i % 8 === 1 ? 'busy' : 'not_my_area', createdAt: new Date(escalatedAt.getTime() + minutes(1)) })
    if (!cancelled && i % 3 !== 2) {
      const useful = i % 5 !== 0
      feedback.push({
        organizationId: jamie.organizationId,
        handoffId,
        userId: senior.id,
        useful,
        problems: useful ? [] : i % 2 ? ['missing_facts'] : ['wrong_cause', 'already_tried'],
        createdAt: claimedAt,
      })
    }
  }
  await tx.chatSession.createMany({ data: sessions })
  await tx.message.createMany({ data: messages })
  await tx.handoff.createMany({ data: handoffs })
  await tx.handoffDecline.createMany({ data: declines })
  await tx.handoffFeedback.createMany({ data: feedback })
}
