// Accounts against the real database: sign-up, the e-mail code, log-in limits, sessions,
// password reset.
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { sessions, users } from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import { logIn } from '../../app/domains/accounts/log-in.server.ts'
import { RateLimitedError } from '../../app/domains/accounts/rate-limit.server.ts'
import {
  requestPasswordReset,
  resetPassword,
} from '../../app/domains/accounts/reset-password.server.ts'
import {
  ABSOLUTE_MS,
  INACTIVITY_MS,
  validateSessionToken,
} from '../../app/domains/accounts/session.server.ts'
import { signUp } from '../../app/domains/accounts/sign-up.server.ts'
import { verifyEmail } from '../../app/domains/accounts/verify-email.server.ts'
import { readMailbox } from '../../app/domains/notifications/mailbox.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import { createUser, FACTORY_PASSWORD, randomEmail } from '../factories/index.ts'
import { drainJobs } from '../support/jobs.ts'

afterEach(() => setNow(null))

function lastMailTo(email: string) {
  const mail = readMailbox().find((m) => m.to === email)
  if (!mail) throw new Error(`no mail to ${email}`)
  return mail
}

describe('sign-up and e-mail verification', () => {
  it('mails an 8-digit code that verifies the address once', async () => {
    const email = randomEmail('signup')
    const { userId, token } = await signUp({
      name: '李雷',
      email,
      password: 'a-long-unusual-passphrase',
      lng: 'zh-CN',
      ip: '10.0.0.1',
    })
    expect(await validateSessionToken(token)).not.toBeNull()
    await drainJobs()
    const mail = lastMailTo(email)
    const code = /(\d{8})/.exec(mail.text)?.[1]
    expect(code).toMatch(/^\d{8}$/)
    await verifyEmail({ userId, code: code ?? '', ip: '10.0.0.1' })
    const user = await db()
      .select()
      .from(users)
      .where(eq(users.id, userId))
      .then((r) => r[0])
    expect(user?.emailVerifiedAt).toBeInstanceOf(Date)
    await expect(verifyEmail({ userId, code: code ?? '', ip: '10.0.0.1' })).rejects.toThrow(
      UserError,
    )
  })

  it('refuses a wrong code five times, then even the right one', async () => {
    const email = randomEmail('attempts')
    const { userId } = await signUp({
      name: '韩梅梅',
      email,
      password: 'another-long-passphrase',
      lng: 'en',
      ip: '10.0.0.2',
    })
    await drainJobs()
    const code = /(\d{8})/.exec(lastMailTo(email).text)?.[1] ?? ''
    const wrong = code === '00000000' ? '11111111' : '00000000'
    for (let i = 0; i < 5; i++) {
      await expect(verifyEmail({ userId, code: wrong, ip: '10.0.0.2' })).rejects.toMatchObject({
        messageKey: i < 4 ? 'auth:errors.codeWrong' : 'auth:errors.codeAttempts',
      })
    }
    await expect(verifyEmail({ userId, code, ip: '10.0.0.2' })).rejects.toMatchObject({
      messageKey: 'auth:errors.codeAttempts',
    })
  })

  it('expires the code after 15 minutes', async () => {
    const email = randomEmail('expiry')
    setNow(new Date('2026-03-01T08:00:00Z'))
    const { userId } = await signUp({
      name: '王芳',
      email,
      password: 'expiring-passphrase-1',
      lng: 'zh-CN',
      ip: '10.0.0.3',
    })
    await drainJobs()
    const code = /(\d{8})/.exec(lastMailTo(email).text)?.[1] ?? ''
    setNow(new Date('2026-03-01T08:15:01Z'))
    await expect(verifyEmail({ userId, code, ip: '10.0.0.3' })).rejects.toMatchObject({
      messageKey: 'auth:errors.codeExpired',
    })
  })

  it('refuses a second account with the same e-mail', async () => {
    const email = randomEmail('dupe')
    await signUp({
      name: 'A',
      email,
      password: 'first-long-passphrase',
      lng: 'zh-CN',
      ip: '10.0.0.4',
    })
    await expect(
      signUp({
        name: 'B',
        email,
        password: 'second-long-passphrase',
        lng: 'zh-CN',
        ip: '10.0.0.4',
      }),
    ).rejects.toMatchObject({ messageKey: 'auth:errors.emailTaken', field: 'email' })
  })
})

describe('log-in', () => {
  it('starts a new session on each log-in', async () => {
    const user = await createUser(db(), { email: randomEmail('login') })
    const a = await logIn({ email: user.email ?? '', password: FACTORY_PASSWORD, ip: '10.1.0.1' })
    const b = await logIn({ email: user.email ?? '', password: FACTORY_PASSWORD, ip: '10.1.0.1' })
    expect(a.token).not.toBe(b.token)
    const rows = await db().select().from(sessions).where(eq(sessions.userId, user.id))
    expect(rows).toHaveLength(2)
    // Only a digest of the secret is stored.
    const secret = a.token.split('.')[1] ?? ''
    expect(JSON.stringify(rows)).not.toContain(secret)
  })

  it('backs off after repeated wrong passwords, without checking the password', async () => {
    const user = await createUser(db(), { email: randomEmail('burst') })
    const email = user.email ?? ''
    const results: string[] = []
    for (let i = 0; i < 8; i++) {
      try {
        await logIn({ email, password: 'wrong-password-123', ip: `10.2.0.${i}` })
      } catch (e) {
        results.push(
          e instanceof RateLimitedError ? 'limited' : e instanceof UserError ? 'wrong' : 'other',
        )
      }
    }
    expect(results.slice(0, 5)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'wrong'])
    expect(results.slice(5)).toEqual(['limited', 'limited', 'limited'])
    // Even the right password is refused while the account is blocked.
    await expect(
      logIn({ email, password: FACTORY_PASSWORD, ip: '10.2.0.99' }),
    ).rejects.toBeInstanceOf(RateLimitedError)
  })

  it('expires sessions after 10 idle days and after 30 days in all', async () => {
    const user = await createUser(db(), { email: randomEmail('expiry') })
    setNow(new Date('2026-01-01T00:00:00Z'))
    const idle = await logIn({
      email: user.email ?? '',
      password: FACTORY_PASSWORD,
      ip: '10.3.0.1',
    })
    setNow(new Date(Date.parse('2026-01-01T00:00:00Z') + INACTIVITY_MS + 1000))
    expect(await validateSessionToken(idle.token)).toBeNull()

    setNow(new Date('2026-02-01T00:00:00Z'))
    const busy = await logIn({
      email: user.email ?? '',
      password: FACTORY_PASSWORD,
      ip: '10.3.0.1',
    })
    // Used every 5 days, it still ends at 30 days.
    for (let day = 5; day < 30; day += 5) {
      setNow(new Date(Date.parse('2026-02-01T00:00:00Z') + day * 86_400_000))
      expect(await validateSessionToken(busy.token)).not.toBeNull()
    }
    setNow(new Date(Date.parse('2026-02-01T00:00:00Z') + ABSOLUTE_MS + 1000))
    expect(await validateSessionToken(busy.token)).toBeNull()
  })

  it('rejects a token whose secret is wrong', async () => {
    const user = await createUser(db(), { email: randomEmail('forge') })
    const { token } = await logIn({
      email: user.email ?? '',
      password: FACTORY_PASSWORD,
      ip: '10.4.0.1',
    })
    const [id] = token.split('.')
    expect(
      await validateSessionToken(`${id}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`),
    ).toBeNull()
  })
})

describe('password reset', () => {
  it('uses a single-use link valid one hour and ends every session', async () => {
    const user = await createUser(db(), { email: randomEmail('reset') })
    const email = user.email ?? ''
    const { token: sessionToken } = await logIn({
      email,
      password: FACTORY_PASSWORD,
      ip: '10.5.0.1',
    })
    await requestPasswordReset({ email, ip: '10.5.0.1', lng: 'zh-CN' })
    await drainJobs()
    const link = /reset-password\?token=([a-z0-9]+)/.exec(lastMailTo(email).text)?.[1] ?? ''
    expect(link.length).toBeGreaterThanOrEqual(32) // ≥ 160 bits in base32
    await resetPassword({ token: link, password: 'a-brand-new-passphrase', ip: '10.5.0.1' })
    expect(await validateSessionToken(sessionToken)).toBeNull()
    await expect(
      resetPassword({ token: link, password: 'yet-another-passphrase', ip: '10.5.0.1' }),
    ).rejects.toMatchObject({ messageKey: 'auth:errors.resetInvalid' })
    await expect(
      logIn({ email, password: 'a-brand-new-passphrase', ip: '10.5.0.2' }),
    ).resolves.toHaveProperty('token')
  })

  it('refuses an expired link', async () => {
    const user = await createUser(db(), { email: randomEmail('reset-late') })
    setNow(new Date('2026-05-01T10:00:00Z'))
    await requestPasswordReset({ email: user.email ?? '', ip: '10.6.0.1', lng: 'en' })
    await drainJobs()
    const link =
      /reset-password\?token=([a-z0-9]+)/.exec(lastMailTo(user.email ?? '').text)?.[1] ?? ''
    setNow(new Date('2026-05-01T11:00:01Z'))
    await expect(
      resetPassword({ token: link, password: 'too-late-passphrase', ip: '10.6.0.1' }),
    ).rejects.toMatchObject({ messageKey: 'auth:errors.resetInvalid' })
  })
})
