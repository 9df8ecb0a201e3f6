import type { SimilarSession } from '@resolutionflow/shared/handoffs.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Tx } from '../../lib/outbox.ts'

const MAX_QUERY_CHARS = 8_000
const MAX_DOCUMENT_CHARS = 12_000

/**
 * What a resolved session is found by: its title, what the engineers wrote (the assistant's
 * generic advice would make every session look alike) and what fixed it. Stored on the
 * session when it is resolved, indexed by the migration's GIN expression index.
 */
export function buildSearchDocument(input: { title: string; userMessages: string[]; resolutionNote: string; rootCause?: string | null }): string {
  return [input.title, input.resolutionNote, input.rootCause ?? '', ...input.userMessages].join('\n').slice(0, MAX_DOCUMENT_CHARS)
}

/**
 * The organization's resolved sessions most similar to an open one, best first, by
 * Postgres full-text search (built into PGlite and every Postgres server). The open
 * session's words become an OR query of their lexemes, so a past session matches on those it
 * shares (at least two) and `ts_rank` orders by how many, and how often. Never another
 * organization's: `organizationId` is part of the WHERE, not a filter applied afterwards.
 */
export async function findSimilarSessions(
  deps: { prisma: PrismaClient | Tx },
  input: { organizationId: string; sessionId: string; note?: string | null; limit?: number },
): Promise<SimilarSession[]> {
  const session = await deps.prisma.chatSession.findFirst({
    where: { id: input.sessionId, organizationId: input.organizationId },
    select: {
      title: true,
      messages: { where: { role: 'user' }, select: { content: true }, orderBy: { createdAt: 'asc' }, take: 50 },
    },
  })
  if (!session) return []
  const text = similarityText({ title: session.title, note: input.note, userMessages: session.messages.map((m) => m.content) })
  return similarSessionsTo(deps, { ...input, text })
}

/** What an open session is searched by: its title, the escalation note and what the engineers wrote (the first 50 messages). */
export function similarityText(input: { title: string; note?: string | null; userMessages: string[] }): string {
  return [input.title, input.note ?? '', ...input.userMessages.slice(0, 50)].join('\n').slice(0, MAX_QUERY_CHARS)
}

/** The resolved sessions most similar to `text` (see `findSimilarSessions`), for a caller that already has the session's words. */
export async function similarSessionsTo(
  deps: { prisma: PrismaClient | Tx },
  input: { organizationId: string; sessionId: string; text: string; limit?: number },
): Promise<SimilarSession[]> {
  const { text } = input
  const limit = input.limit ?? 3

  // Lexemes are cast to tsquery as they are (already normalized by to_tsvector); the
  // document expression is the index's, so Postgres can use it. A past session must share two
  // of them (one, when the search has only one): any single common word ("user", "email")
  // would list an unrelated session.
  const rows = await deps.prisma.$queryRaw<Array<{ id: string; title: string; resolutionNote: string; resolvedAt: Date; score: number }>>`
    WITH words AS (SELECT tsvector_to_array(to_tsvector('english', ${text})) AS lexemes),
    q AS (
      SELECT lexemes, least(2, cardinality(lexemes)) AS needed,
        coalesce((SELECT string_agg(quote_literal(l), ' | ') FROM unnest(lexemes) l), '')::tsquery AS query
      FROM words
    )
    SELECT s.id, s.title, s."resolutionNote", s."resolvedAt",
           ts_rank(to_tsvector('english', coalesce(s."searchDocument", '')), q.query, 1)::float8 AS score
    FROM "ChatSession" s, q
    WHERE s."organizationId" = ${input.organizationId}
      AND s.status = 'resolved'
      AND s.id <> ${input.sessionId}
      AND to_tsvector('english', coalesce(s."searchDocument", '')) @@ q.query
      AND (SELECT count(*) FROM unnest(tsvector_to_array(to_tsvector('english', coalesce(s."searchDocument", '')))) d
           WHERE d = ANY(q.lexemes)) >= q.needed
    ORDER BY score DESC, s."resolvedAt" DESC
    LIMIT ${limit}`
  return rows.map((r) => ({
    session_id: r.id,
    title: r.title,
    resolution_note: r.resolutionNote,
    resolved_at: r.resolvedAt.toISOString(),
    score: Math.round(r.score * 10_000) / 10_000,
  }))
}
