import path from 'node:path'
import { z } from 'zod'

const DEV_SESSION_SECRET = 'resolutionflow-dev-secret-change-me-in-production'

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v)
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional())
const optionalUrl = (protocols: string[]) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .url({ message: 'must be a URL' })
      .refine((u) => URL.canParse(u) && protocols.includes(new URL(u).protocol), {
        message: `must start with ${protocols.join(' or ')}`,
      })
      .optional(),
  )

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8000),
    HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
    DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
    REDIS_URL: optionalUrl(['redis:', 'rediss:']),
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalUrl(['http:', 'https:']),
    LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
    LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
    OFFLINE_STREAM_DELAY_MS: z.coerce.number().int().min(0).max(1000).default(15),
    SESSION_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
    SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    SEED_DEMO: z.preprocess(emptyAsUndefined, z.enum(['true', 'false']).optional()),
    LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
    WEB_DIST_DIR: optionalString,
    ASSESSMENT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    ASSESSMENT_BACKOFF_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
    JOB_TIMEOUT_S: z.coerce.number().int().min(2).max(86_400).default(300),
    JOB_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
    EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
    SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
    PUBLIC_URL: optionalUrl(['http:', 'https:']),
    SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
    MAIL_FROM: z.string().min(3).default('ResolutionFlow <no-reply@resolutionflow.local>'),
    PRESENCE_TTL_MS: z.coerce.number().int().min(500).max(600_000).default(25_000),
    PRESENCE_SWEEP_MS: z.coerce.number().int().min(50).max(60_000).default(5_000),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.SESSION_SECRET, {
    path: ['SESSION_SECRET'],
    message: 'is required when NODE_ENV=production',
  })

/** Every variable the server reads (each one is documented in `.env.example`). */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape)

export type Config = ReturnType<typeof toConfig>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/**
 * Reads and validates the environment once, at boot. A bad value throws a `ConfigError`
 * whose message names each offending variable, so the process stops with a clear reason.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return toConfig(parsed.data)
}

function toConfig(env: z.infer<typeof EnvSchema>) {
  // `memory://` keeps the embedded database in memory (tests, benchmarks); anything else is a folder.
  // The default folder is the repository's .data, wherever the server is started from.
  const dataDirSetting = env.DATA_DIR ?? path.resolve(import.meta.dirname, '../../../.data')
  const inMemory = dataDirSetting.startsWith('memory://')
  const dataDir = inMemory ? dataDirSetting : path.resolve(dataDirSetting)
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    database: env.DATABASE_URL
      ? ({ driver: 'postgres', url: env.DATABASE_URL } as const)
      : ({ driver: 'pglite', dataDir: inMemory ? dataDir : path.join(dataDir, 'pgdata') } as const),
    redisUrl: env.REDIS_URL,
    llm: {
      openaiApiKey: env.OPENAI_API_KEY,
      openaiBaseUrl: env.OPENAI_BASE_URL,
      llmModel: env.LLM_MODEL,
      llmTimeoutMs: env.LLM_TIMEOUT_MS,
      offlineStreamDelayMs: env.OFFLINE_STREAM_DELAY_MS,
    },
    sessionSecret: env.SESSION_SECRET ?? DEV_SESSION_SECRET,
    sessionTtlMs: env.SESSION_TTL_DAYS * 24 * 60 * 60 * 1000,
    // Demo data goes into the embedded database on first start; into a Postgres server only when asked.
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === 'true' : !env.DATABASE_URL,
    loginRateLimit: env.LOGIN_RATE_LIMIT,
    bodyLimit: env.BODY_LIMIT_BYTES,
    webDistDir: env.WEB_DIST_DIR ?? path.resolve(import.meta.dirname, '../../web/dist'),
    assessment: {
      maxAttempts: env.ASSESSMENT_MAX_ATTEMPTS,
      backoffMs: env.ASSESSMENT_BACKOFF_MS,
    },
    jobs: {
      // A job still running after this is taken for lost (its process died) and run again.
      timeoutS: env.JOB_TIMEOUT_S,
      concurrency: env.JOB_CONCURRENCY,
    },
    retention: {
      // Outbox events older than this are deleted: the oldest a reconnect can replay.
      eventDays: env.EVENT_RETENTION_DAYS,
      readNotificationDays: 90,
    },
    sseHeartbeatMs: env.SSE_HEARTBEAT_MS,
    // Where browsers reach the app: invitation and reset links, the SSO redirect URI.
    // Unset: taken from each request's Host (fine behind one trusted proxy or on localhost).
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ''),
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    presence: {
      // An open pickup screen renews its lease every 10 s; a tab silent for this long has gone.
      ttlMs: env.PRESENCE_TTL_MS,
      sweepMs: env.PRESENCE_SWEEP_MS,
    },
  }
}
