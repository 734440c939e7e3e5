// Log-in by e-mail and password. Limits per IP and per account are checked before any hash is
// computed; failures grow the account's back-off; success starts a new session.
import { and, eq, isNull } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { users } from '../../../db/schema/index.ts'
import { audit } from '../admin/audit.server.ts'
import { UserError } from '../problems.ts'
import { hashPassword, verifyPassword } from './password.server.ts'
import { checkRate, clearRate, hitRate, RateLimitedError, rules } from './rate-limit.server.ts'
import { createSession } from './session.server.ts'

export async function logIn(input: {
  email: string
  password: string
  ip: string
  userAgent?: string
}): Promise<{ token: string; expiresAt: Date; userId: string }> {
  const ipKey = `login:ip:${input.ip}`
  const accountKey = `login:account:${input.email}`
  for (const key of [ipKey, accountKey]) {
    const decision = await checkRate(key)
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds)
  }
  const user = await db()
    .select()
    .from(users)
    .where(and(eq(users.email, input.email), isNull(users.deletedAt)))
    .then((r) => r[0])
  // Unknown accounts cost the same hash as known ones, so timing does not tell them apart.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password)
  if (!user || !ok || user.passwordHash === null) {
    const [ip, account] = await Promise.all([
      hitRate(ipKey, rules.loginIp),
      hitRate(accountKey, rules.loginAccount),
    ])
    for (const d of [ip, account]) if (!d.allowed) throw new RateLimitedError(d.retryAfterSeconds)
    throw new UserError('auth:errors.loginFailed', 'password')
  }
  await clearRate(accountKey)
  const session = await db().transaction(async (tx) => {
    const created = await createSession(tx, user.id, { ip: input.ip, userAgent: input.userAgent })
    await audit(tx, {
      actorUserId: user.id,
      action: 'log-in',
      entity: 'user',
      entityId: user.id,
      ip: input.ip,
    })
    return created
  })
  return { ...session, userId: user.id }
}

let dummy: Promise<string> | undefined
function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password-for-timing')
  return dummy
}
