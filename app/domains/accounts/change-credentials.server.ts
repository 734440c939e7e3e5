// Changing the password or the e-mail address of a signed-in member (the route has already
// required a recent password entry). A new password ends the other sessions.
import { eq } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { users } from '../../../db/schema/index.ts'
import type { Language } from '../../i18n/config.ts'
import { audit } from '../admin/audit.server.ts'
import { UserError } from '../problems.ts'
import { emailCodeMessage } from './messages.server.ts'
import { hashPassword, verifyPassword } from './password.server.ts'
import { invalidateUserSessions, markReauthenticated } from './session.server.ts'
import { issueCode } from './verification-codes.server.ts'

export async function confirmPassword(input: {
  userId: string
  sessionId: string
  password: string
}): Promise<void> {
  const user = await db()
    .select()
    .from(users)
    .where(eq(users.id, input.userId))
    .then((r) => r[0])
  if (!user || !(await verifyPassword(user.passwordHash, input.password)))
    throw new UserError('auth:errors.passwordWrong', 'password')
  await markReauthenticated(db(), input.sessionId)
}

export async function changePassword(input: {
  userId: string
  sessionId: string
  current: string
  password: string
  ip: string
}): Promise<void> {
  const user = await db()
    .select()
    .from(users)
    .where(eq(users.id, input.userId))
    .then((r) => r[0])
  if (!user || !(await verifyPassword(user.passwordHash, input.current)))
    throw new UserError('auth:errors.passwordWrong', 'current')
  const passwordHash = await hashPassword(input.password)
  await db().transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, input.userId))
    await invalidateUserSessions(tx, input.userId, input.sessionId)
    await audit(tx, {
      actorUserId: input.userId,
      action: 'change-password',
      entity: 'user',
      entityId: input.userId,
      ip: input.ip,
    })
  })
}

/** Sends a code to the new address; the address changes only when that code is entered. */
export async function requestEmailChange(input: {
  userId: string
  email: string
  lng: Language
}): Promise<void> {
  const taken = await db()
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, input.email))
    .then((r) => r[0])
  if (taken) throw new UserError('auth:errors.emailTaken', 'email')
  const user = await db()
    .select()
    .from(users)
    .where(eq(users.id, input.userId))
    .then((r) => r[0])
  if (!user) throw new UserError('auth:errors.emailInvalid', 'email')
  await db().transaction((tx) =>
    issueCode(tx, {
      userId: user.id,
      purpose: 'email',
      target: input.email,
      message: emailCodeMessage(input.lng, user.name),
    }),
  )
}
