/** Socket failures: the database host refuses, drops or never answers the connection. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN'])
/** Prisma's own codes for "can't reach / lost the database server / no connection in time". */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024'])
/** What Prisma's driver adapters report for a connection that failed or closed. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'DatabaseDoesNotExist'])
/** Postgres SQLSTATEs of the same: class 08 (connection exception), shutdown, starting up, too many clients. */
const isConnectionSqlState = (code: string) => /^08/.test(code) || ['57P01', '57P02', '57P03', '53300', '3D000'].includes(code)

const UNREACHABLE = Symbol.for('resolutionflow.databaseUnreachable')

/**
 * Marks an error raised while getting a connection (the pool's connect): whatever its words
 * (pg says "Connection terminated unexpectedly" with no code when a server hangs up during
 * the handshake), no connection means the database is unreachable.
 */
export function markUnreachable<T>(error: T): T {
  if (error && typeof error === 'object') Object.defineProperty(error, UNREACHABLE, { value: true })
  return error
}

interface ErrorLike {
  [UNREACHABLE]?: boolean
  name?: unknown
  code?: unknown
  cause?: unknown
  kind?: unknown
  originalCode?: unknown
}

/**
 * Whether `error` (or anything in its cause chain) says the database could not be reached
 * or dropped the connection, as opposed to a query the database refused. Those are outages
 * a client may retry: the error handler answers them 503 DATABASE_UNREACHABLE.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current)
    const e = current as ErrorLike
    if (e[UNREACHABLE] || e.name === 'PrismaClientInitializationError') return true
    if (typeof e.code === 'string') {
      if (SOCKET_CODES.has(e.code) || PRISMA_CODES.has(e.code)) return true
      if (e.name === 'error' || e.name === 'DatabaseError' ? isConnectionSqlState(e.code) : false) return true
    }
    if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true
    if (typeof e.originalCode === 'string' && isConnectionSqlState(e.originalCode)) return true
    current = e.cause
  }
  return false
}
