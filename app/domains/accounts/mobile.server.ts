// A mainland mobile number: added and verified by an SMS code, then usable to log in with a
// code instead of the password. SMS goes through the pluggable sender in notifications.
import { and, eq, isNotNull, isNull } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { users } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import type { Language } from '../../i18n/config.ts'
import { audit } from '../admin/audit.server.ts'
import { smsAvailable } from '../notifications/mailbox.server.ts'
import { UserError } from '../problems.ts'
import { smsCodeMessage } from './messages.server.ts'
import { checkRate, clearRate, hitRate, RateLimitedError, rules } from './rate-limit.server.ts'
import { createSession } from './session.server.ts'
import { consumeCode, issueCode } from './verification-codes.server.ts'

function requireSms(): void {
  if (!smsAvailable()) throw new UserError('auth:errors.smsUnavailable')
}

export async function requestMobileVerification(input: {
  userId: string
  mobile: string
  lng: Language
}): Promise<void> {
  requireSms()
  const owner = await db()
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.mobile, input.mobile), isNotNull(users.mobileVerifiedAt)))
    .then((r) => r[0])
  if (owner && owner.id !== input.userId) throw new UserError('auth:errors.mobileTaken', 'mobile')
  await db().transaction((tx) =>
    issueCode(tx, {
      userId: input.userId,
      purpose: 'mobile',
      target: input.mobile,
      message: smsCodeMessage(input.lng),
    }),
  )
}

export async function verifyMobile(input: {
  userId: string
  code: string
  ip: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const mobile = await consumeCode(tx, {
      userId: input.userId,
      purpose: 'mobile',
      code: input.code,
    })
    await tx
      .update(users)
      .set({ mobile, mobileVerifiedAt: now() })
      .where(eq(users.id, input.userId))
    await audit(tx, {
      actorUserId: input.userId,
      action: 'verify-mobile',
      entity: 'user',
      entityId: input.userId,
      ip: input.ip,
    })
  })
}

async function userByMobile(mobile: string) {
  return db()
    .select()
    .from(users)
    .where(
      and(eq(users.mobile, mobile), isNotNull(users.mobileVerifiedAt), isNull(users.deletedAt)),
    )
    .then((r) => r[0])
}

/** Answers the same whether or not the number belongs to an account. */
export async function requestMobileLogin(input: {
  mobile: string
  ip: string
  lng: Language
}): Promise<void> {
  requireSms()
  const limited = await hitRate(`login:mobile-ip:${input.ip}`, rules.signupIp)
  if (!limited.allowed) throw new RateLimitedError(limited.retryAfterSeconds)
  const user = await userByMobile(input.mobile)
  if (!user) return
  await db().transaction((tx) =>
    issueCode(tx, {
      userId: user.id,
      purpose: 'mobile-login',
      target: input.mobile,
      message: smsCodeMessage(input.lng),
    }),
  )
}

export async function logInWithMobile(input: {
  mobile: string
  code: string
  ip: string
  userAgent?: string
}) {
  const key = `login:mobile:${input.mobile}`
  const decision = await checkRate(key)
  if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds)
  const user = await userByMobile(input.mobile)
  if (!user) {
    const d = await hitRate(key, rules.loginAccount)
    if (!d.allowed) throw new RateLimitedError(d.retryAfterSeconds)
    throw new UserError('auth:errors.codeWrong', 'code', { left: 0 })
  }
  try {
    return await db().transaction(async (tx) => {
      await consumeCode(tx, { userId: user.id, purpose: 'mobile-login', code: input.code })
      const session = await createSession(tx, user.id, { ip: input.ip, userAgent: input.userAgent })
      await clearRate(key)
      return session
    })
  } catch (error) {
    await hitRate(key, rules.loginAccount)
    throw error
  }
}
