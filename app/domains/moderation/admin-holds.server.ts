// The admin side of holds: the content lists moderators search (listings, challenges,
// campaigns with their hold and whether the admin's own organisation owns them), and the one
// action handler the admin pages share for hiding and lifting.
import { parseWithZod } from '@conform-to/zod/v4'
import { and, desc, eq, ilike, ne, or, type SQL } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import {
  campaigns,
  challenges,
  equipmentListings,
  organisations,
} from '../../../db/schema/index.ts'
import { adminOrgIds } from '../admin/conflict.server.ts'
import { PAGE_SIZE } from '../admin/queries.server.ts'
import { replyWithError } from '../web/request.server.ts'
import { activeHoldsIn } from './active-hold.server.ts'
import { HoldActionSchema } from './hold.schema.ts'
import { hideSubject, liftHold } from './holds.server.ts'
import type { HoldSubject } from './moderation.machine.ts'

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`)

const base: Record<HoldSubject, string> = {
  listing: '/equipment',
  challenge: '/challenges',
  campaign: '/campaigns',
}

/** Subjects of one kind (drafts left out: they were never public), by name or organisation. */
export async function moderationRows(input: {
  kind: HoldSubject
  q: string
  page: number
  adminUserId: string
}) {
  const pattern = input.q ? `%${escapeLike(input.q)}%` : null
  const t =
    input.kind === 'listing'
      ? { table: equipmentListings, title: equipmentListings.name }
      : input.kind === 'challenge'
        ? { table: challenges, title: challenges.title }
        : { table: campaigns, title: campaigns.title }
  // Drafts were never public, so there is nothing to hide.
  const where: SQL[] = [
    input.kind === 'listing'
      ? ne(equipmentListings.status, 'draft')
      : input.kind === 'challenge'
        ? ne(challenges.status, 'draft')
        : ne(campaigns.status, 'draft'),
  ]
  if (pattern) {
    const match = or(ilike(t.title, pattern), ilike(organisations.name, pattern))
    if (match) where.push(match)
  }
  const rows = await db()
    .select({
      id: t.table.id,
      slug: t.table.slug,
      title: t.title,
      status: t.table.status,
      orgId: organisations.id,
      orgName: organisations.name,
      updatedAt: t.table.updatedAt,
    })
    .from(t.table)
    .innerJoin(organisations, eq(organisations.id, t.table.orgId))
    .where(and(...where))
    .orderBy(desc(t.table.updatedAt), desc(t.table.id))
    .limit(PAGE_SIZE + 1)
    .offset((input.page - 1) * PAGE_SIZE)
  const page = rows.slice(0, PAGE_SIZE)
  const [holds, mine] = await Promise.all([
    activeHoldsIn(
      db(),
      input.kind,
      page.map((r) => r.id),
    ),
    adminOrgIds(input.adminUserId),
  ])
  return {
    page: input.page,
    hasNext: rows.length > PAGE_SIZE,
    rows: page.map((r) => {
      const hold = holds.get(r.id)
      return {
        kind: input.kind,
        id: r.id,
        title: r.title,
        status: r.status as string,
        orgName: r.orgName,
        link: `${base[input.kind]}/${r.slug}`,
        conflict: mine.has(r.orgId),
        hold: hold
          ? { id: hold.id, reason: hold.reason, imposedAt: hold.imposedAt.toISOString() }
          : null,
      }
    }),
  }
}

export type ModerationRow = Awaited<ReturnType<typeof moderationRows>>['rows'][number]

/** What a hide/lift form gets back: which subject's form, and Conform's reply. */
export type HoldReply = { key: string; result: ReturnType<typeof replyWithError>['result'] }

/**
 * Handles a hide or lift posted from any admin page. Null when it went through (the page
 * redirects), otherwise the reply with the refusal beside the right form.
 */
export async function handleHoldAction(
  formData: FormData,
  adminUserId: string,
  ip: string | null,
): Promise<{ status: number; reply: HoldReply } | null> {
  const key = String(formData.get('subjectId') ?? formData.get('holdId') ?? '')
  const submission = parseWithZod(formData, { schema: HoldActionSchema })
  if (submission.status !== 'success')
    return { status: 400, reply: { key, result: submission.reply() } }
  const v = submission.value
  try {
    if (v.intent === 'hide')
      await hideSubject({
        kind: v.kind,
        subjectId: v.subjectId,
        reason: v.reason,
        actorUserId: adminUserId,
        ip,
      })
    else await liftHold({ holdId: v.holdId, note: v.note, actorUserId: adminUserId, ip })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return { status, reply: { key, result } }
  }
  return null
}
