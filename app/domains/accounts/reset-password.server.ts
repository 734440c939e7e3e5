// Password reset: a 160-bit single-use token valid one hour, mailed as a link; using it sets the
// new password and ends every session of the account.
import { and, eq, isNull } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { passwordResets, users } from '../../../db/schema/index.ts'
import { messageSend } from '../../../workers/jobs/message-send.ts'
import { now } from '../../clock.server.ts'
import { publicUrl } from '../../env.server.ts'
import { isLanguage, type Language } from '../../i18n/config.ts'
import { audit } from '../admin/audit.server.ts'
import { enqueue } from '../jobs/boss.server.ts'
import { UserError } from '../problems.ts'
import { resetMessage } from './messages.server.ts'
import { hashPassword } from './password.server.ts'
import { hitRate, RateLimitedError, rules } from './rate-limit.server.ts'
import { invalidateUserSessions } from './session.server.ts'
import { digest, randomToken } from './tokens.server.ts'

export const RESET_TTL_MS = 3600_000

/** Always answers the same way, whether or not the address has an account. */
export async function requestPasswordReset(input: {
  email: string
  ip: string
  lng: Language
}): Promise<void> {
  const limited = await hitRate(`reset:${input.ip}`, rules.resetIp)
  if (!limited.allowed) throw new RateLimitedError(limited.retryAfterSeconds)
  const user = await db()
    .select()
    .from(users)
    .where(and(eq(users.email, input.email), isNull(users.deletedAt)))
    .then((r) => r[0])
  if (!user || !user.email) return
  const email = user.email
  const token = randomToken(20)
  const at = now()
  await db().transaction(async (tx) => {
    await tx.insert(passwordResets).values({
      tokenHash: digest(token),
      userId: user.id,
      createdAt: at,
      expiresAt: new Date(at.getTime() + RESET_TTL_MS),
    })
    const lng = isLanguage(user.locale) ? user.locale : input.lng
    const message = resetMessage(lng, user.name, `${publicUrl()}/reset-password?token=${token}`)
    await enqueue(tx, messageSend, { channel: 'email', to: email, ...message })
  })
}

export async function resetPassword(input: {
  token: string
  password: string
  ip: string
}): Promise<void> {
  const passwordHash = await hashPassword(input.password)
  await db().transaction(async (tx) => {
    const row = await tx
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.tokenHash, digest(input.token)))
      .for('update')
      .then((r) => r[0])
    if (!row || row.usedAt || row.expiresAt.getTime() <= now().getTime())
      throw new UserError('auth:errors.resetInvalid')
    await tx
      .update(passwordResets)
      .set({ usedAt: now() })
      .where(eq(passwordResets.tokenHash, row.tokenHash))
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId))
    await invalidateUserSessions(tx, row.userId)
    await audit(tx, {
      actorUserId: row.userId,
      action: 'reset-password',
      entity: 'user',
      entityId: row.userId,
      ip: input.ip,
    })
  })
}
