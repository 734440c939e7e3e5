// Sessions after the Lucia guide: the cookie holds `id.secret`; only SHA-256(secret) is stored
// and compared in constant time. Inactivity expiry 10 days (written at most once an hour),
// absolute expiry 30 days. See docs/decisions/0003.
import { and, eq } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { sessions, users } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { isHttps } from '../../env.server.ts'
import { digest, randomToken, sameDigest } from './tokens.server.ts'
import { activeSuspensionOf } from '../moderation/active-suspension.server.ts'
import { UserError } from '../problems.ts'

export const INACTIVITY_MS = 10 * 24 * 3600_000
export const ABSOLUTE_MS = 30 * 24 * 3600_000
const TOUCH_EVERY_MS = 3600_000
export const STEP_UP_MS = 30 * 60_000

export function sessionCookieName(): string {
  return isHttps() ? '__Host-zc_session' : 'zc_session'
}

export type SessionUser = {
  id: string
  name: string
  email: string | null
  emailVerified: boolean
  locale: string
}
export type CurrentSession = {
  id: string
  userId: string
  createdAt: Date
  reauthenticatedAt: Date
  actingOrgId: string | null
}

export async function createSession(
  tx: Tx,
  userId: string,
  meta: { ip?: string; userAgent?: string } = {},
): Promise<{ token: string; expiresAt: Date }> {
  // A suspended person cannot log in by any route (password, mobile code).
  if (await activeSuspensionOf(tx, userId)) throw new UserError('moderation:suspended.login')
  const id = randomToken(15) // 120 bits: an identifier, not the secret
  const secret = randomToken(32) // 256 bits
  const at = now()
  await tx.insert(sessions).values({
    id,
    secretHash: digest(secret),
    userId,
    createdAt: at,
    lastActiveAt: at,
    reauthenticatedAt: at,
    ip: meta.ip?.slice(0, 64),
    userAgent: meta.userAgent?.slice(0, 256),
  })
  // The cookie lives as long as the session can; inactivity is enforced on the stored row.
  return { token: `${id}.${secret}`, expiresAt: new Date(at.getTime() + ABSOLUTE_MS) }
}

export async function validateSessionToken(
  token: string,
): Promise<{ session: CurrentSession; user: SessionUser } | null> {
  const [id, secret] = token.split('.')
  if (!id || !secret || id.length > 64 || secret.length > 128) return null
  const row = await db()
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1)
    .then((r) => r[0])
  if (!row) return null
  if (!sameDigest(row.session.secretHash, digest(secret))) return null
  const at = now().getTime()
  const expired =
    at - row.session.lastActiveAt.getTime() >= INACTIVITY_MS ||
    at - row.session.createdAt.getTime() >= ABSOLUTE_MS ||
    row.user.deletedAt !== null
  if (expired) {
    await db().delete(sessions).where(eq(sessions.id, id))
    return null
  }
  if (at - row.session.lastActiveAt.getTime() >= TOUCH_EVERY_MS) {
    await db()
      .update(sessions)
      .set({ lastActiveAt: new Date(at) })
      .where(eq(sessions.id, id))
  }
  return {
    session: {
      id: row.session.id,
      userId: row.session.userId,
      createdAt: row.session.createdAt,
      reauthenticatedAt: row.session.reauthenticatedAt,
      actingOrgId: row.session.actingOrgId,
    },
    user: {
      id: row.user.id,
      name: row.user.name,
      email: row.user.email,
      emailVerified: row.user.emailVerifiedAt !== null,
      locale: row.user.locale,
    },
  }
}

export async function invalidateSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId))
}

export async function invalidateUserSessions(
  tx: Tx,
  userId: string,
  exceptSessionId?: string,
): Promise<void> {
  const rows = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.userId, userId))
  for (const r of rows)
    if (r.id !== exceptSessionId) await tx.delete(sessions).where(eq(sessions.id, r.id))
}

export async function markReauthenticated(tx: Tx, sessionId: string): Promise<void> {
  await tx.update(sessions).set({ reauthenticatedAt: now() }).where(eq(sessions.id, sessionId))
}

export async function setActingOrg(
  tx: Tx,
  sessionId: string,
  userId: string,
  orgId: string | null,
): Promise<void> {
  await tx
    .update(sessions)
    .set({ actingOrgId: orgId })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const parts = [
    `${sessionCookieName()}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Expires=${expiresAt.toUTCString()}`,
  ]
  if (isHttps()) parts.push('Secure')
  return parts.join('; ')
}

export function clearSessionCookie(): string {
  const parts = [`${sessionCookieName()}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0']
  if (isHttps()) parts.push('Secure')
  return parts.join('; ')
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get('cookie')
  if (!header) return null
  const name = sessionCookieName()
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return v.join('=') || null
  }
  return null
}
