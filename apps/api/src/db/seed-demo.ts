import type { PrismaClient } from '../generated/prisma/client.ts'
import type { JobQueue } from '../lib/job-queue.ts'
import { hashPassword } from '../services/auth/password.ts'
import { seedDemoHistory } from './demo-history.ts'

export const DEMO_PASSWORD = 'TestPass123!'

export const DEMO_USERS = {
  jamie: { email: 'engineer@resolutionflow.example.com', name: 'Jamie Rivera', role: 'engineer', org: 'acme' },
  morgan: { email: 'teamadmin@resolutionflow.example.com', name: 'Morgan Lee', role: 'admin', org: 'acme' },
  sam: { email: 'senior@resolutionflow.example.com', name: 'Sam Patel', role: 'senior', org: 'acme' },
  alex: { email: 'engineer@globex.example.com', name: 'Alex Kim', role: 'engineer', org: 'globex' },
  priya: { email: 'admin@globex.example.com', name: 'Priya Shah', role: 'admin', org: 'globex' },
} as const

const ORGS = { acme: { name: 'Acme MSP', slug: 'acme-msp' }, globex: { name: 'Globex IT', slug: 'globex-it' } }

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000)

/**
 * The demo organizations, users and a few sessions (one already escalated, its assessment
 * left pending so the assess-handoff job writes it on first start), and a month of resolved
 * escalations behind them (demo-history.ts). Does nothing when any
 * organization exists; returns whether it seeded.
 */
export async function seedDemoData(prisma: PrismaClient, jobs: JobQueue): Promise<boolean> {
  if ((await prisma.organization.count()) > 0) return false
  // Hash before the transaction: argon2 is deliberately slow and PGlite has one connection.
  const hashes = Object.fromEntries(
    await Promise.all(Object.keys(DEMO_USERS).map(async (k) => [k, await hashPassword(DEMO_PASSWORD)] as const)),
  ) as Record<keyof typeof DEMO_USERS, string>

  await prisma.$transaction(async (tx) => {
    const orgs = {
      acme: await tx.organization.create({ data: ORGS.acme }),
      globex: await tx.organization.create({ data: ORGS.globex }),
    }
    const users = {} as Record<keyof typeof DEMO_USERS, { id: string; organizationId: string; name: string }>
    for (const [key, u] of Object.entries(DEMO_USERS) as [keyof typeof DEMO_USERS, (typeof DEMO_USERS)[keyof typeof DEMO_USERS]][]) {
      users[key] = await tx.user.create({
        data: { email: u.email, name: u.name, role: u.role, organizationId: orgs[u.org].id, passwordHash: hashes[key] },
      })
    }

    // A month of escalations that ended: metrics and "Similar resolved sessions" have something to show.
    await seedDemoHistory(tx, { jamie: users.jamie, sam: users.sam, morgan: users.morgan })

    const printer = await tx.chatSession.create({
      data: {
        organizationId: orgs.acme.id,
        createdById: users.jamie.id,
        title: 'Reception printer shows offline',
        createdAt: minutesAgo(50),
        lastActivityAt: minutesAgo(12),
        messages: {
          create: [
            {
              role: 'user',
              authorId: users.jamie.id,
              createdAt: minutesAgo(50),
              content:
                'Customer Dunmore Dental: the HP LaserJet M404 at reception shows "Offline" on every PC since this morning. Other printers work. It has a static IP, 10.0.20.45.',
            },
            {
              role: 'assistant',
              createdAt: minutesAgo(49),
              content:
                'A single printer offline for every PC usually means the printer or its network path, not the PCs. Start by confirming it answers on the network, then check the queue on the print server.',
            },
            {
              role: 'user',
              authorId: users.jamie.id,
              createdAt: minutesAgo(20),
              content:
                'It pings fine and the web page at 10.0.20.45 loads. Restarted the spooler on PRINT01, still offline. The printer\'s own display says Ready.',
            },
            {
              role: 'assistant',
              createdAt: minutesAgo(19),
              content:
                'If it answers ping and its web page, check the port on the print server: a WSD port or a port bound to an old IP shows offline while the device is fine. Also check SNMP status: if SNMP is enabled on the port but disabled on the printer, Windows marks it offline.',
            },
          ],
        },
        tasks: {
          create: [
            { title: 'Ping the printer', detail: 'ping 10.0.20.45 from PRINT01 and a client PC.', titleKey: 'ping the printer', status: 'done', position: 0 },
            { title: 'Restart the Print Spooler on PRINT01', detail: 'services.msc → Print Spooler → Restart, or `Restart-Service Spooler`.', titleKey: 'restart the print spooler on print01', status: 'done', position: 1 },
            { title: 'Check the printer port on PRINT01', detail: 'Printer properties → Ports: it should be a Standard TCP/IP port on 10.0.20.45, not WSD.', titleKey: 'check the printer port on print01', status: 'todo', position: 2 },
            { title: 'Check SNMP status on the port', detail: 'Configure Port → untick "SNMP Status Enabled" if SNMP is off on the printer.', titleKey: 'check snmp status on the port', status: 'todo', position: 3 },
          ],
        },
      },
    })
    const handoff = await tx.handoff.create({
      data: {
        organizationId: orgs.acme.id,
        sessionId: printer.id,
        handedOffById: users.jamie.id,
        note: 'Tried ping, web page and spooler restart. I don\'t have rights to change ports on PRINT01.',
        createdAt: minutesAgo(12),
      },
    })
    await jobs.send(tx, 'assess-handoff', { handoff_id: handoff.id })
    for (const senior of [users.morgan, users.sam]) {
      await tx.notification.create({
        data: {
          organizationId: orgs.acme.id,
          userId: senior.id,
          actorId: users.jamie.id,
          handoffId: handoff.id,
          sessionId: printer.id,
          kind: 'handoff_created',
          title: `${users.jamie.name} escalated a session`,
          body: printer.title,
          createdAt: minutesAgo(12),
        },
      })
    }

    await tx.chatSession.create({
      data: {
        organizationId: orgs.acme.id,
        createdById: users.jamie.id,
        title: 'VPN drops every few minutes',
        createdAt: minutesAgo(180),
        lastActivityAt: minutesAgo(170),
        messages: {
          create: [
            { role: 'user', authorId: users.jamie.id, createdAt: minutesAgo(180), content: 'User at Harbor Legal says the GlobalProtect VPN disconnects every 5–10 minutes when working from home.' },
            { role: 'assistant', createdAt: minutesAgo(179), content: 'Regular drops at a fixed interval point at the home network (Wi-Fi power saving, an ISP router dropping idle UDP) or a tunnel keep-alive mismatch. Let\'s find out which.' },
          ],
        },
        tasks: {
          create: [
            { title: 'Test on a wired connection', detail: 'Ask the user to plug in by cable for 30 minutes.', titleKey: 'test on a wired connection', status: 'todo', position: 0 },
            { title: 'Collect the VPN client logs', detail: 'GlobalProtect → Settings → Troubleshooting → Collect Logs.', titleKey: 'collect the vpn client logs', status: 'todo', position: 1 },
          ],
        },
      },
    })

    await tx.chatSession.create({
      data: {
        organizationId: orgs.globex.id,
        createdById: users.alex.id,
        title: 'Outlook keeps asking for a password',
        createdAt: minutesAgo(90),
        lastActivityAt: minutesAgo(88),
        messages: {
          create: [
            { role: 'user', authorId: users.alex.id, createdAt: minutesAgo(90), content: 'Outlook on a Windows 11 laptop prompts for the Microsoft 365 password again and again.' },
          ],
        },
      },
    })
  })
  return true
}
