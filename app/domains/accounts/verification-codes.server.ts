// One-time codes sent by e-mail (8 digits) or SMS (6 digits): valid 15 minutes, 5 attempts,
// only their digest stored; sending is rate-limited per user.
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { verificationCodes } from '../../../db/schema/index.ts'
import { messageSend } from '../../../workers/jobs/message-send.ts'
import { now } from '../../clock.server.ts'
import { enqueue } from '../jobs/boss.server.ts'
import { UserError } from '../problems.ts'
import { hitRate, rules } from './rate-limit.server.ts'
import { digest, numericCode, sameDigest } from './tokens.server.ts'

export const CODE_TTL_MS = 15 * 60_000
export const CODE_ATTEMPTS = 5
type Purpose = 'email' | 'mobile' | 'mobile-login'

export async function issueCode(
  tx: Tx,
  input: {
    userId: string
    purpose: Purpose
    target: string
    message: (code: string) => { subject: string; text: string }
  },
): Promise<void> {
  const limited = await hitRate(`code:${input.userId}`, rules.codeSend)
  if (!limited.allowed)
    throw new UserError('auth:errors.tooManyCodes', undefined, {
      minutes: Math.ceil(limited.retryAfterSeconds / 60),
    })
  const digits = input.purpose === 'email' ? 8 : 6
  const code = numericCode(digits)
  const at = now()
  // A new code replaces any earlier one for the same purpose.
  await tx
    .update(verificationCodes)
    .set({ usedAt: at })
    .where(
      and(
        eq(verificationCodes.userId, input.userId),
        eq(verificationCodes.purpose, input.purpose),
        isNull(verificationCodes.usedAt),
      ),
    )
  await tx.insert(verificationCodes).values({
    userId: input.userId,
    purpose: input.purpose,
    target: input.target,
    codeHash: digest(code),
    createdAt: at,
    expiresAt: new Date(at.getTime() + CODE_TTL_MS),
  })
  const { subject, text } = input.message(code)
  await enqueue(tx, messageSend, {
    channel: input.purpose === 'email' ? 'email' : 'sms',
    to: input.target,
    subject,
    text,
  })
}

/**
 * Checks a code; a wrong one uses up an attempt. Returns the target it was sent to.
 * Attempts are counted outside the caller's transaction, which rolls back on a wrong code.
 */
export async function consumeCode(
  tx: Tx,
  input: { userId: string; purpose: Purpose; code: string },
): Promise<string> {
  const row = await db()
    .select()
    .from(verificationCodes)
    .where(
      and(
        eq(verificationCodes.userId, input.userId),
        eq(verificationCodes.purpose, input.purpose),
        isNull(verificationCodes.usedAt),
      ),
    )
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1)
    .then((r) => r[0])
  if (!row) throw new UserError('auth:errors.codeNone', 'code')
  if (row.attempts >= CODE_ATTEMPTS) throw new UserError('auth:errors.codeAttempts', 'code')
  if (row.expiresAt.getTime() <= now().getTime())
    throw new UserError('auth:errors.codeExpired', 'code')
  if (!sameDigest(row.codeHash, digest(input.code))) {
    const [counted] = await db()
      .update(verificationCodes)
      .set({ attempts: sql`${verificationCodes.attempts} + 1` })
      .where(eq(verificationCodes.id, row.id))
      .returning({ attempts: verificationCodes.attempts })
    const left = CODE_ATTEMPTS - (counted?.attempts ?? CODE_ATTEMPTS)
    throw new UserError(left > 0 ? 'auth:errors.codeWrong' : 'auth:errors.codeAttempts', 'code', {
      left,
    })
  }
  // Conditional, so two racing uses of one code cannot both succeed.
  const used = await tx
    .update(verificationCodes)
    .set({ usedAt: now() })
    .where(
      and(
        eq(verificationCodes.id, row.id),
        isNull(verificationCodes.usedAt),
        lt(verificationCodes.attempts, CODE_ATTEMPTS),
      ),
    )
    .returning({ id: verificationCodes.id })
  if (used.length === 0) throw new UserError('auth:errors.codeNone', 'code')
  return row.target
}
