// The process environment, parsed once by zod at start. A wrong value stops the start with a
// message naming the variable; only `publicEnv` ever reaches the browser.
import path from 'node:path'
import { z } from 'zod'

const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined))
  .pipe(z.string().url().optional())

export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    APP_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    PUBLIC_URL: optionalUrl,
    DATA_DIR: z.string().default('.data'),
    DATABASE_URL: optionalUrl,
    MEILISEARCH_URL: optionalUrl,
    MEILISEARCH_KEY: z.string().optional(),
    MEILISEARCH_INDEX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,100}$/)
      .default('offerings'),
    SMTP_URL: optionalUrl,
    MAIL_FROM: z.string().default('众创 Zhongchuang <no-reply@zhongchuang.local>'),
    ADMIN_EMAIL: z.string().email().optional(),
    ADMIN_PASSWORD: z.string().min(10).max(128).optional(),
    ICP_NUMBER: z.string().optional(),
    UPLOAD_STORAGE: z.enum(['local', 's3']).default('local'),
    S3_ENDPOINT: optionalUrl,
    S3_BUCKET: z.string().optional(),
    S3_REGION: z.string().default('auto'),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    // Payments: with no Stripe key, payments go by bank transfer into the custody account.
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_/)
      .optional(),
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    /** Where the SDK connects (tests point it at a Stripe-compatible server); Stripe's own by default. */
    STRIPE_API_URL: optionalUrl,
    /** The platform's own Stripe country: it decides which payees Connect can pay. */
    STRIPE_PLATFORM_COUNTRY: z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .default('HK')
      .transform((c) => c.toUpperCase()),
    CUSTODY_ACCOUNT_NAME: z.string().default('众创平台资金存管专户'),
    CUSTODY_BANK_NAME: z.string().default('示例银行深圳分行（存管银行）'),
    CUSTODY_ACCOUNT_NUMBER: z.string().default('6222 0000 0000 0000 888'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    /** How long a booking request holds its slot while the owner decides (at most a day). */
    BOOKING_REQUEST_HOLD_HOURS: z.coerce.number().int().min(1).max(24).default(24),
    /** Days an awarded challenge's poster has to agree milestones and fund the award. */
    CHALLENGE_FUNDING_DAYS: z.coerce.number().int().min(1).max(60).default(7),
    // Whether visitors see campaign teasers: public promotion of an offering can count as
    // 公开宣传, so a deployment may show campaigns only to logged-in verified investors.
    CAMPAIGN_VISIBILITY: z.enum(['teaser', 'investors-only']).default('teaser'),
    // AES-256 key (base64 of 32 bytes) encrypting investors' evidence files. Outside production
    // a key is generated once under DATA_DIR when unset.
    EVIDENCE_ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be base64 of 32 bytes')
      .optional(),
    TRUST_PROXY: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    /** Where `npm run backup` writes; unset: `backups` beside DATA_DIR. */
    BACKUP_DIR: z.string().optional(),
    // The bearer token a Prometheus scraper sends to /metrics; unset, /metrics answers 404.
    METRICS_TOKEN: z
      .string()
      .min(16, 'must be at least 16 characters (openssl rand -hex 32)')
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.APP_ENV !== 'production') return
    for (const key of [
      'DATABASE_URL',
      'MEILISEARCH_URL',
      'SMTP_URL',
      'PUBLIC_URL',
      'EVIDENCE_ENCRYPTION_KEY',
    ] as const) {
      if (!env[key])
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'is required when APP_ENV=production',
        })
    }
  })
  .superRefine((env, ctx) => {
    if (env.UPLOAD_STORAGE !== 's3') return
    for (const key of [
      'S3_ENDPOINT',
      'S3_BUCKET',
      'S3_ACCESS_KEY_ID',
      'S3_SECRET_ACCESS_KEY',
    ] as const) {
      if (!env[key])
        ctx.addIssue({ code: 'custom', path: [key], message: 'is required when UPLOAD_STORAGE=s3' })
    }
  })

  .superRefine((env, ctx) => {
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['STRIPE_WEBHOOK_SECRET'],
        message: 'is required when STRIPE_SECRET_KEY is set',
      })
  })

export type Env = z.infer<typeof EnvSchema>

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const key = i.path.join('.')
      return `  ${key}=${JSON.stringify(source[key] ?? '')}: ${i.message}`
    })
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`)
  }
  return result.data
}

let cached: Env | undefined
export function env(): Env {
  cached ??= parseEnv()
  return cached
}

/** Tests only: parse process.env again on next use (a test set a variable it needs). */
export function resetEnv(): void {
  cached = undefined
}

export function dataDir(): string {
  return path.resolve(env().DATA_DIR)
}

export function publicUrl(): string {
  const e = env()
  return e.PUBLIC_URL ?? `http://localhost:${e.PORT}`
}

/** https deployments get Secure, `__Host-` cookies and HSTS. */
export function isHttps(): boolean {
  return publicUrl().startsWith('https:')
}

export function isProduction(): boolean {
  return env().APP_ENV === 'production'
}

/** What the browser may know: nothing secret. */
export function publicEnv() {
  const e = env()
  return { APP_ENV: e.APP_ENV, ICP_NUMBER: e.ICP_NUMBER ?? null }
}
