import webpush from 'web-push'
import type { PrismaClient } from '../generated/prisma/client.ts'

export interface VapidKeys {
  publicKey: string
  privateKey: string
  subject: string
}

/**
 * The server's VAPID key pair: from the environment, or generated at first start and kept
 * in ServerSetting. Two replicas starting at once both try to insert; ON CONFLICT keeps
 * the first, and both then read the same pair, so every push carries the key the browsers
 * subscribed with.
 */
export async function loadVapidKeys(
  prisma: PrismaClient,
  settings: { vapid: { publicKey: string; privateKey: string } | null; vapidSubject: string },
): Promise<VapidKeys> {
  if (settings.vapid) return { ...settings.vapid, subject: settings.vapidSubject }
  const generated = webpush.generateVAPIDKeys()
  await prisma.$executeRaw`INSERT INTO "ServerSetting" (name, value) VALUES ('vapid', ${JSON.stringify(generated)}::jsonb) ON CONFLICT (name) DO NOTHING`
  const row = await prisma.serverSetting.findUniqueOrThrow({ where: { name: 'vapid' } })
  const stored = row.value as { publicKey: string; privateKey: string }
  return { publicKey: stored.publicKey, privateKey: stored.privateKey, subject: settings.vapidSubject }
}
