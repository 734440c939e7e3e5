// Sign-up: the account, its consent to the privacy policy, a first session, and the e-mail
// verification code, in one transaction.
import { eq } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { consents, users } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import type { Language } from '../../i18n/config.ts'
import { UserError } from '../problems.ts'
import { emailCodeMessage } from './messages.server.ts'
import { hashPassword } from './password.server.ts'
import { hitRate, RateLimitedError, rules } from './rate-limit.server.ts'
import { createSession } from './session.server.ts'
import { issueCode } from './verification-codes.server.ts'

export const PRIVACY_POLICY_VERSION = '2026-11'

export async function signUp(input: {
  name: string
  email: string
  password: string
  lng: Language
  ip: string
  userAgent?: string
}): Promise<{ token: string; expiresAt: Date; userId: string }> {
  const limited = await hitRate(`signup:${input.ip}`, rules.signupIp)
  if (!limited.allowed) throw new RateLimitedError(limited.retryAfterSeconds)
  const taken = await db()
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, input.email))
    .then((r) => r[0])
  if (taken) throw new UserError('auth:errors.emailTaken', 'email')
  const passwordHash = await hashPassword(input.password)
  return db().transaction(async (tx) => {
    const at = now()
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        name: input.name,
        passwordHash,
        locale: input.lng,
        createdAt: at,
      })
      .onConflictDoNothing()
      .returning({ id: users.id })
    if (!user) throw new UserError('auth:errors.emailTaken', 'email')
    await tx.insert(consents).values({
      userId: user.id,
      kind: 'privacy-policy',
      version: PRIVACY_POLICY_VERSION,
      givenAt: at,
      ip: input.ip,
    })
    await issueCode(tx, {
      userId: user.id,
      purpose: 'email',
      target: input.email,
      message: emailCodeMessage(input.lng, input.name),
    })
    const session = await createSession(tx, user.id, { ip: input.ip, userAgent: input.userAgent })
    return { ...session, userId: user.id }
  })
}
