// The notification e-mail: rendered in the recipient's language from the `notifications`
// catalogue (the same texts the inbox shows), with a one-click unsubscribe link for its
// category. Runs only in the `notification.email` job, never in a request.
import { and, eq } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import {
  notificationPreferences,
  notifications,
  unsubscribeTokens,
  users,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { publicUrl } from '../../env.server.ts'
import { fallbackLanguage, isLanguage, type Language } from '../../i18n/config.ts'
import { fixedT } from '../../i18n/fixed-t.server.ts'
import { digest, randomToken } from '../accounts/tokens.server.ts'
import { deliver } from './mailbox.server.ts'
import { isNotificationCategory, notificationText } from './notification-kinds.ts'

/** A fresh unguessable token (256 random bits); only its digest is stored. */
async function createUnsubscribeToken(tx: Tx, userId: string, category: string): Promise<string> {
  const token = randomToken(32)
  await tx
    .insert(unsubscribeTokens)
    .values({ tokenHash: digest(token), userId, category, createdAt: now() })
  return token
}

export function renderNotificationEmail(input: {
  lng: Language
  name: string
  kind: string
  category: string
  params: Record<string, string>
  link: string
  unsubscribeUrl: string
}): { subject: string; text: string } {
  const t = fixedT(input.lng, 'notifications')
  const text = notificationText(t, input.kind, input.params)
  const category = t(`categories.${input.category}`)
  return {
    subject: t('email.subject', { text: text.length > 80 ? `${text.slice(0, 79)}…` : text }),
    text: [
      t('email.greeting', { name: input.name }),
      '',
      text,
      '',
      t('email.open'),
      `${publicUrl()}${input.link}`,
      '',
      '—',
      t('email.why', { category }),
      t('email.unsubscribe'),
      input.unsubscribeUrl,
      '',
      t('email.signature'),
    ].join('\n'),
  }
}

/**
 * The job's work: re-reads the notification and its recipient, and mails it unless the person
 * is gone, has no address, or has since turned e-mail off for the category.
 */
export async function sendNotificationEmail(notificationId: string): Promise<void> {
  const row = await db()
    .select({
      kind: notifications.kind,
      category: notifications.category,
      params: notifications.params,
      link: notifications.link,
      userId: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      deletedAt: users.deletedAt,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(notifications.id, notificationId))
    .then((r) => r[0])
  if (!row || row.deletedAt || !row.email || !isNotificationCategory(row.category)) return
  const preference = await db()
    .select({ email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.userId, row.userId),
        eq(notificationPreferences.category, row.category),
      ),
    )
    .then((r) => r[0])
  if (preference && !preference.email) return
  const token = await createUnsubscribeToken(db(), row.userId, row.category)
  const message = renderNotificationEmail({
    lng: isLanguage(row.locale) ? row.locale : fallbackLanguage,
    name: row.name,
    kind: row.kind,
    category: row.category,
    params: row.params,
    link: row.link,
    unsubscribeUrl: `${publicUrl()}/notifications/unsubscribe?token=${token}`,
  })
  await deliver({ channel: 'email', to: row.email, ...message })
}
