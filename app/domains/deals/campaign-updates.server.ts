// Updates from the startup: posted by its owners and admins, shown to everyone who sees the
// terms, and told to every investor whose commitment still counts.
import { and, desc, eq, inArray } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { campaignUpdates, commitments } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import type { Auth } from '../accounts/auth.server.ts'
import { notify } from '../notifications/notify.server.ts'
import { UserError } from '../problems.ts'
import { campaignAccess } from './campaign-access.server.ts'
import { campaignBySlug } from './campaign-view.server.ts'
import { countedCommitmentStates } from './deal.machine.ts'

export async function postUpdate(input: {
  slug: string
  auth: Auth
  title: string
  body: string
}): Promise<{ notified: number }> {
  return db().transaction(async (tx) => {
    const c = await campaignBySlug(tx, input.slug)
    if (!c) throw new UserError('campaigns:errors.notFound')
    const access = await campaignAccess(tx, c, input.auth)
    if (!access.manages) throw new UserError('campaigns:errors.notYours')
    if (c.status === 'draft') throw new UserError('campaigns:errors.notPublished')
    await tx.insert(campaignUpdates).values({
      campaignId: c.id,
      authorUserId: input.auth.user.id,
      title: input.title,
      body: input.body,
      createdAt: now(),
    })
    const investors = await tx
      .selectDistinct({ userId: commitments.userId })
      .from(commitments)
      .where(
        and(
          eq(commitments.campaignId, c.id),
          inArray(commitments.status, [...countedCommitmentStates]),
        ),
      )
    for (const { userId } of investors)
      await notify(tx, {
        userId,
        kind: 'campaign.update',
        params: { title: c.title, update: input.title },
        link: `/campaigns/${c.slug}#updates`,
      })
    return { notified: investors.length }
  })
}

export async function updatesOf(campaignId: string) {
  const rows = await db()
    .select({
      id: campaignUpdates.id,
      title: campaignUpdates.title,
      body: campaignUpdates.body,
      createdAt: campaignUpdates.createdAt,
    })
    .from(campaignUpdates)
    .where(eq(campaignUpdates.campaignId, campaignId))
    .orderBy(desc(campaignUpdates.createdAt))
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))
}
