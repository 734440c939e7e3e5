// The one way anything tells a person something: an inbox row, and (unless the person turned
// e-mail off for the category) a `notification.email` job on the same transaction. Also the
// inbox's reads and writes: unread count, mark read, preferences, unsubscribe by token.
import { and, desc, eq, inArray, isNull, notExists, sql } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import {
  notificationPreferences,
  notifications,
  orgMembers,
  unsubscribeTokens,
  users,
} from '../../../db/schema/index.ts'
import { notificationEmail } from '../../../workers/jobs/notification-email.ts'
import { now } from '../../clock.server.ts'
import { enqueue } from '../jobs/boss.server.ts'
import type { OrgRole } from '../orgs/org.schema.ts'
import {
  isNotificationCategory,
  notificationCategories,
  notificationKinds,
  type NotificationCategory,
  type NotificationKind,
  type NotificationParams,
} from './notification-kinds.ts'
import { digest } from '../accounts/tokens.server.ts'

export type Preference = { email: boolean; inApp: boolean }
const defaultPreference: Preference = { email: true, inApp: true }

export async function notify<K extends NotificationKind>(
  tx: Tx,
  input: { userId: string; kind: K; params: NotificationParams<K>; link: string },
): Promise<void> {
  const category = notificationKinds[input.kind].category
  const [row] = await tx
    .insert(notifications)
    .values({
      userId: input.userId,
      category,
      kind: input.kind,
      params: input.params,
      link: input.link,
      createdAt: now(),
    })
    .returning({ id: notifications.id })
  if (!row) throw new Error('notification not stored')
  const preference = await preferenceOf(tx, input.userId, category)
  if (preference.email) await enqueue(tx, notificationEmail, { notificationId: row.id })
}

/**
 * Notifies a person, or the active members of an organisation in the given roles, or both
 * (each person once).
 */
export async function notifyParty<K extends NotificationKind>(
  tx: Tx,
  input: {
    userId?: string | null
    orgId?: string | null
    orgRoles?: readonly OrgRole[]
    kind: K
    params: NotificationParams<K>
    link: string
  },
): Promise<void> {
  const recipients = new Set<string>(input.userId ? [input.userId] : [])
  if (input.orgId) {
    const members = await tx
      .select({ userId: orgMembers.userId })
      .from(orgMembers)
      .innerJoin(users, eq(users.id, orgMembers.userId))
      .where(
        and(
          eq(orgMembers.orgId, input.orgId),
          isNull(orgMembers.leftAt),
          isNull(users.deletedAt),
          inArray(orgMembers.role, [...(input.orgRoles ?? ['owner', 'admin'])]),
        ),
      )
    for (const m of members) recipients.add(m.userId)
  }
  for (const userId of recipients)
    await notify(tx, { userId, kind: input.kind, params: input.params, link: input.link })
}

async function preferenceOf(tx: Tx, userId: string, category: string): Promise<Preference> {
  const row = await tx
    .select({ email: notificationPreferences.email, inApp: notificationPreferences.inApp })
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.userId, userId),
        eq(notificationPreferences.category, category),
      ),
    )
    .then((r) => r[0])
  return row ?? defaultPreference
}

export async function preferencesOf(
  userId: string,
): Promise<Record<NotificationCategory, Preference>> {
  const rows = await db()
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId))
  const result = Object.fromEntries(
    notificationCategories.map((c) => [c, { ...defaultPreference }]),
  ) as Record<NotificationCategory, Preference>
  for (const r of rows)
    if (isNotificationCategory(r.category)) result[r.category] = { email: r.email, inApp: r.inApp }
  return result
}

export async function savePreferences(
  userId: string,
  preferences: Partial<Record<NotificationCategory, Preference>>,
): Promise<void> {
  await db().transaction(async (tx) => {
    for (const [category, p] of Object.entries(preferences)) {
      if (!p) continue
      await tx
        .insert(notificationPreferences)
        .values({ userId, category, email: p.email, inApp: p.inApp })
        .onConflictDoUpdate({
          target: [notificationPreferences.userId, notificationPreferences.category],
          set: { email: p.email, inApp: p.inApp },
        })
    }
  })
}

/** Notifications of categories the person turned off in the app are neither listed nor counted. */
function shownTo(userId: string) {
  return and(
    eq(notifications.userId, userId),
    notExists(
      db()
        .select({ one: sql`1` })
        .from(notificationPreferences)
        .where(
          and(
            eq(notificationPreferences.userId, notifications.userId),
            eq(notificationPreferences.category, notifications.category),
            eq(notificationPreferences.inApp, false),
          ),
        ),
    ),
  )
}

export async function unreadCount(userId: string): Promise<number> {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(shownTo(userId), isNull(notifications.readAt)))
  return row?.n ?? 0
}

export async function listNotifications(userId: string, limit = 100) {
  return db()
    .select({
      id: notifications.id,
      category: notifications.category,
      kind: notifications.kind,
      params: notifications.params,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(shownTo(userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
}

export async function markRead(userId: string, notificationId?: string): Promise<void> {
  await db()
    .update(notifications)
    .set({ readAt: now() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        notificationId ? eq(notifications.id, notificationId) : undefined,
      ),
    )
}

/** Marks read what points at a page the person has just seen (a thread, say). */
export async function markReadByLink(tx: Tx, userId: string, link: string): Promise<void> {
  await tx
    .update(notifications)
    .set({ readAt: now() })
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.link, link),
        isNull(notifications.readAt),
      ),
    )
}

export type UnsubscribeTarget = { email: string; category: NotificationCategory }

/** What an unsubscribe token would turn off, or null for a token that is not ours. */
export async function readUnsubscribeToken(token: string): Promise<UnsubscribeTarget | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null
  const row = await db()
    .select({
      category: unsubscribeTokens.category,
      email: users.email,
      deletedAt: users.deletedAt,
    })
    .from(unsubscribeTokens)
    .innerJoin(users, eq(users.id, unsubscribeTokens.userId))
    .where(eq(unsubscribeTokens.tokenHash, digest(token)))
    .then((r) => r[0])
  if (!row || !row.email || row.deletedAt || !isNotificationCategory(row.category)) return null
  return { email: row.email, category: row.category }
}

/** Turns e-mail off for the token's category; confirming twice is harmless. */
export async function unsubscribe(token: string): Promise<UnsubscribeTarget | null> {
  const target = await readUnsubscribeToken(token)
  if (!target) return null
  await db().transaction(async (tx) => {
    const [row] = await tx
      .update(unsubscribeTokens)
      .set({ usedAt: now() })
      .where(eq(unsubscribeTokens.tokenHash, digest(token)))
      .returning({ userId: unsubscribeTokens.userId })
    if (!row) return
    await tx
      .insert(notificationPreferences)
      .values({ userId: row.userId, category: target.category, email: false, inApp: true })
      .onConflictDoUpdate({
        target: [notificationPreferences.userId, notificationPreferences.category],
        set: { email: false },
      })
  })
  return target
}
