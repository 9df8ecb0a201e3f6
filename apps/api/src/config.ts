import path from 'node:path'
import { z } from 'zod'

/** Failed sign-ins of an account are counted within this window. */
const LOGIN_WINDOW_MS = 15 * 60_000

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
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
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
    LOGIN_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
    LOGIN_LOCKOUT_BASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    LOGIN_LOCKOUT_MAX_MS: z.coerce.number().int().min(100).max(86_400_000).default(15 * 60_000),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
    WEB_DIST_DIR: optionalString,
    ASSESSMENT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    ASSESSMENT_BACKOFF_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
    JOB_TIMEOUT_S: z.coerce.number().int().min(2).max(86_400).default(300),
    JOB_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(3),
    JOB_POLL_S: z.coerce.number().int().min(1).max(300).default(2),
    EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
    SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
    SSE_RECHECK_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
    PUBLIC_URL: optionalUrl(['http:', 'https:']),
    SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
    MAIL_FROM: z.string().min(3).default('ResolutionFlow <no-reply@resolutionflow.local>'),
    APP_ORIGIN: z.preprocess(
      emptyAsUndefined,
      z
        .url({ message: 'must be a URL' })
        .refine((u) => URL.canParse(u) && ['http:', 'https:'].includes(new URL(u).protocol) && new URL(u).origin === u.replace(/\/$/, ''), {
          message: 'must be an origin such as https://helpdesk.example.com (scheme, host and port only)',
        })
        .optional(),
    ),
    TRUST_PROXY: z.preprocess(emptyAsUndefined, z.enum(['true', 'false']).default('false')),
    DOCS_ENABLED: z.preprocess(emptyAsUndefined, z.enum(['true', 'false']).optional()),
    ESCALATION_RENOTIFY_AFTER_S: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(7 * 86_400).optional()),
    ESCALATION_WIDEN_AFTER_S: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(7 * 86_400).optional()),
    OUTBOUND_ALLOW_PRIVATE: z.preprocess(emptyAsUndefined, z.enum(['true', 'false']).default('false')),
    OUTBOUND_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
    WEBHOOK_RETRY_MAX_AGE_S: z.coerce.number().int().min(1).max(7 * 86_400).default(86_400),
    VAPID_PUBLIC_KEY: optionalString,
    VAPID_PRIVATE_KEY: optionalString,
    VAPID_SUBJECT: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
    PRESENCE_TTL_MS: z.coerce.number().int().min(500).max(600_000).default(25_000),
    PRESENCE_SWEEP_MS: z.coerce.number().int().min(50).max(60_000).default(5_000),
  })
  .refine((env) => Boolean(env.VAPID_PUBLIC_KEY) === Boolean(env.VAPID_PRIVATE_KEY), {
    path: ['VAPID_PRIVATE_KEY'],
    message: 'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are given together or not at all',
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
      ? ({ driver: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE } as const)
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
    // In production demo data (published passwords) is written only when SEED_DEMO=true says so.
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === 'true' : !env.DATABASE_URL && env.NODE_ENV !== 'production',
    /** SEED_DEMO=true was set: in production, demo accounts are then allowed to exist. */
    demoAllowed: env.SEED_DEMO === 'true',
    loginRateLimit: env.LOGIN_RATE_LIMIT,
    // Per account: after THRESHOLD failures within 15 minutes each attempt waits BASE, doubling, at most MAX.
    loginLockout: {
      threshold: env.LOGIN_LOCKOUT_THRESHOLD,
      windowMs: LOGIN_WINDOW_MS,
      baseLockMs: env.LOGIN_LOCKOUT_BASE_MS,
      maxLockMs: Math.max(env.LOGIN_LOCKOUT_MAX_MS, env.LOGIN_LOCKOUT_BASE_MS),
    },
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
      // How soon a job sent by another replica, or a timer come due, is found.
      pollS: env.JOB_POLL_S,
    },
    retention: {
      // Outbox events older than this are deleted: the oldest a reconnect can replay.
      eventDays: env.EVENT_RETENTION_DAYS,
      readNotificationDays: 90,
      // A sign-in count older than its window, with no lock running, counts nothing any more.
      loginThrottleMs: LOGIN_WINDOW_MS,
    },
    sseHeartbeatMs: env.SSE_HEARTBEAT_MS,
    // Open streams are checked against their sign-in and its role this often, for a revocation
    // or a role change whose bus message never reached this replica.
    sseRecheckMs: env.SSE_RECHECK_MS,
    // Where browsers reach the app: invitation and reset links, the SSO redirect URI.
    // Unset: taken from each request's Host (fine behind one trusted proxy or on localhost).
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ''),
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    // The origin browsers reach the app at; unset, each request's own scheme and Host.
    appOrigin: env.APP_ORIGIN ? new URL(env.APP_ORIGIN).origin : undefined,
    // Behind a TLS-terminating proxy: believe its X-Forwarded-Proto/-For/-Host.
    trustProxy: env.TRUST_PROXY === 'true',
    // The OpenAPI UI at /docs: on in development and tests, off in production unless asked.
    docsEnabled: env.DOCS_ENABLED ? env.DOCS_ENABLED === 'true' : env.NODE_ENV !== 'production',
    notify: {
      /** Overrides every organization's escalation policy when set (a demo, tests with short timers). */
      escalationOverride: { renotify_after_s: env.ESCALATION_RENOTIFY_AFTER_S, widen_after_s: env.ESCALATION_WIDEN_AFTER_S },
      vapid: env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY ? { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY } : null,
      vapidSubject: env.VAPID_SUBJECT ?? 'mailto:admin@resolutionflow.invalid',
    },
    outbound: {
      /** Webhooks and push may reach loopback and private addresses (tests, a trusted LAN). */
      allowPrivate: env.OUTBOUND_ALLOW_PRIVATE === 'true',
      timeoutMs: env.OUTBOUND_TIMEOUT_MS,
    },
    webhooks: { retryBaseMs: env.WEBHOOK_RETRY_BASE_MS, retryMaxAgeS: env.WEBHOOK_RETRY_MAX_AGE_S },
    presence: {
      // An open pickup screen renews its lease every 10 s; a tab silent for this long has gone.
      ttlMs: env.PRESENCE_TTL_MS,
      sweepMs: env.PRESENCE_SWEEP_MS,
    },
  }
}
