// Q&A on a campaign: a qualified investor who accepted its NDA asks; the startup answers once,
// for everyone who sees the terms. The startup's owners and admins hear of each question, the
// asker of the answer. Who may read the Q&A is the page's business (those who see the terms).
import { and, asc, eq, isNull } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { campaignQuestions } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import type { Auth } from '../accounts/auth.server.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { UserError } from '../problems.ts'
import { campaignAccess } from './campaign-access.server.ts'
import { campaignBySlug } from './campaign-view.server.ts'

export async function askQuestion(input: {
  slug: string
  auth: Auth
  question: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const c = await campaignBySlug(tx, input.slug)
    if (!c || c.status === 'draft') throw new UserError('campaigns:errors.notFound')
    if (c.status !== 'live') throw new UserError('campaigns:errors.questionsClosed')
    const access = await campaignAccess(tx, c, input.auth)
    // Only investors ask: the startup's own people answer, and asking is reading the terms.
    if (!access.verifiedInvestor || !access.ndaAccepted || access.member)
      throw new UserError('campaigns:errors.ndaFirst')
    await tx.insert(campaignQuestions).values({
      campaignId: c.id,
      askedByUserId: input.auth.user.id,
      question: input.question,
      createdAt: now(),
    })
    await notifyParty(tx, {
      orgId: c.orgId,
      orgRoles: ['owner', 'admin'],
      kind: 'campaign.question',
      params: { title: c.title },
      link: `/campaigns/${c.slug}/manage#qa`,
    })
  })
}

export async function answerQuestion(input: {
  slug: string
  auth: Auth
  questionId: string
  answer: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const c = await campaignBySlug(tx, input.slug)
    if (!c) throw new UserError('campaigns:errors.notFound')
    const access = await campaignAccess(tx, c, input.auth)
    if (!access.manages) throw new UserError('campaigns:errors.notYours')
    // Once, for all: a second answer to the same question is refused, not overwritten.
    const [q] = await tx
      .update(campaignQuestions)
      .set({ answer: input.answer, answeredByUserId: input.auth.user.id, answeredAt: now() })
      .where(
        and(
          eq(campaignQuestions.id, input.questionId),
          eq(campaignQuestions.campaignId, c.id),
          isNull(campaignQuestions.answer),
        ),
      )
      .returning({ askedBy: campaignQuestions.askedByUserId })
    if (!q) throw new UserError('campaigns:errors.alreadyAnswered')
    if (q.askedBy)
      await notifyParty(tx, {
        userId: q.askedBy,
        kind: 'campaign.answer',
        params: { title: c.title },
        link: `/campaigns/${c.slug}#qa`,
      })
  })
}

/**
 * The Q&A as a reader who sees the terms sees it: answered ones for all, open ones for the
 * startup, and the reader's own open questions, so an asker sees theirs waiting.
 */
export async function questionsOf(campaignId: string, startup: boolean, readerId: string | null) {
  const rows = await db()
    .select({
      id: campaignQuestions.id,
      question: campaignQuestions.question,
      answer: campaignQuestions.answer,
      askedByUserId: campaignQuestions.askedByUserId,
      createdAt: campaignQuestions.createdAt,
      answeredAt: campaignQuestions.answeredAt,
    })
    .from(campaignQuestions)
    .where(eq(campaignQuestions.campaignId, campaignId))
    .orderBy(asc(campaignQuestions.createdAt))
  return rows
    .filter((r) => startup || r.answer !== null || r.askedByUserId === readerId)
    .map((r) => ({
      id: r.id,
      question: r.question,
      answer: r.answer,
      mine: readerId !== null && r.askedByUserId === readerId,
      createdAt: r.createdAt.toISOString(),
      answeredAt: r.answeredAt?.toISOString() ?? null,
    }))
}
