// The environment is parsed once; a wrong value stops the start with a message naming it.
import { describe, expect, it } from 'vitest'
import { EnvError, parseEnv } from './env.server.ts'

describe('parseEnv', () => {
  it('runs on embedded defaults with nothing set', () => {
    const env = parseEnv({})
    expect(env.PORT).toBe(3000)
    expect(env.DATA_DIR).toBe('.data')
    expect(env.DATABASE_URL).toBeUndefined()
  })
  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(EnvError)
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT="eighty"/)
    expect(() => parseEnv({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/)
  })
  it('requires external services in production', () => {
    expect(() => parseEnv({ APP_ENV: 'production' })).toThrow(/DATABASE_URL=.*is required/)
    const production = {
      APP_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db/zc',
      MEILISEARCH_URL: 'https://search.example',
      SMTP_URL: 'smtp://mail.example:587',
      PUBLIC_URL: 'https://zhongchuang.example',
      EVIDENCE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    }
    expect(parseEnv(production).APP_ENV).toBe('production')
    expect(() => parseEnv({ ...production, EVIDENCE_ENCRYPTION_KEY: undefined })).toThrow(
      /EVIDENCE_ENCRYPTION_KEY=.*is required/,
    )
    expect(() => parseEnv({ ...production, EVIDENCE_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(
      /EVIDENCE_ENCRYPTION_KEY=.*32 bytes/,
    )
  })
  it('requires bucket settings for S3 uploads', () => {
    expect(() => parseEnv({ UPLOAD_STORAGE: 's3' })).toThrow(/S3_BUCKET/)
  })
})
