// Confirms an e-mail address with the code sent to it: the first address after sign-up, or a
// new address the member changes to.
import { eq } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { users } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import type { Language } from '../../i18n/config.ts'
import { audit } from '../admin/audit.server.ts'
import { UserError } from '../problems.ts'
import { emailCodeMessage } from './messages.server.ts'
import { consumeCode, issueCode } from './verification-codes.server.ts'

export async function verifyEmail(input: {
  userId: string
  code: string
  ip: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const target = await consumeCode(tx, {
      userId: input.userId,
      purpose: 'email',
      code: input.code,
    })
    const owner = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, target))
      .then((r) => r[0])
    if (owner && owner.id !== input.userId) throw new UserError('auth:errors.emailTaken', 'code')
    const before = await tx
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, input.userId))
      .then((r) => r[0])
    await tx
      .update(users)
      .set({ email: target, emailVerifiedAt: now() })
      .where(eq(users.id, input.userId))
    if (before?.email !== target) {
      await audit(tx, {
        actorUserId: input.userId,
        action: 'change-email',
        entity: 'user',
        entityId: input.userId,
        ip: input.ip,
      })
    }
  })
}

export async function resendEmailCode(input: {
  userId: string
  lng: Language
  target?: string
}): Promise<void> {
  const user = await db()
    .select()
    .from(users)
    .where(eq(users.id, input.userId))
    .then((r) => r[0])
  const target = input.target ?? user?.email
  if (!user || !target) throw new UserError('auth:errors.codeNone')
  await db().transaction((tx) =>
    issueCode(tx, {
      userId: user.id,
      purpose: 'email',
      target,
      message: emailCodeMessage(input.lng, user.name),
    }),
  )
}
