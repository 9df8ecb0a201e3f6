import type { DomainEventPayload, DomainEventType } from '@resolutionflow/shared/events.ts'
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts'
import type { Bus, BusEvent } from './bus.ts'

export type Tx = Prisma.TransactionClient

export interface EventDraft<T extends DomainEventType = DomainEventType> {
  type: T
  organizationId: string
  /** Only this user may see it; omit for the whole organization. */
  userId?: string | null
  payload: DomainEventPayload<T>
}

export type RecordEvent = <T extends DomainEventType>(event: EventDraft<T>) => Promise<void>

/**
 * Runs `work` in one transaction in which `record` writes outbox rows; after the commit,
 * and only then, the recorded events go to the bus. A rollback publishes nothing.
 */
export async function transactWithEvents<T>(
  deps: { prisma: PrismaClient; bus: Bus; log?: { error(obj: unknown, msg: string): void } },
  work: (tx: Tx, record: RecordEvent) => Promise<T>,
): Promise<T> {
  const recorded: BusEvent[] = []
  const result = await deps.prisma.$transaction(async (tx) => {
    const record: RecordEvent = async (event) => {
      const row = await tx.event.create({
        data: {
          organizationId: event.organizationId,
          userId: event.userId ?? null,
          type: event.type,
          payload: event.payload as Prisma.InputJsonValue,
        },
        select: { id: true },
      })
      recorded.push({
        id: row.id.toString(),
        organizationId: event.organizationId,
        userId: event.userId ?? null,
        type: event.type,
        payload: event.payload,
      })
    }
    return work(tx, record)
  })
  for (const event of recorded) {
    // The change is committed whatever happens here; a lost broadcast is replayed from the outbox.
    await deps.bus.publish(event).catch((err) => deps.log?.error({ err, eventId: event.id }, 'event broadcast failed'))
  }
  return result
}
