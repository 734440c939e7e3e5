// Q&A on a challenge: anyone eligible and signed in asks; the poster answers once, for all. The
// poster's organisation hears of each question; the asker and every live bidder of each answer.
// Who may read the Q&A at all is the page's business (behind the NDA for an NDA challenge).
import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { challengeBids, challengeQuestions, challenges } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import type { ActingParty } from '../accounts/auth.server.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { UserError } from '../problems.ts'
import { actsForPoster, eligibilityRefusal, hasAcceptedNda } from './challenge-access.server.ts'
import { liveBidStatuses } from './challenge.machine.ts'

async function loadOpen(tx: Tx, challengeId: string) {
  const c = await tx
    .select()
    .from(challenges)
    .where(eq(challenges.id, challengeId))
    .then((r) => r[0])
  if (!c || c.status === 'draft') throw new UserError('challenges:errors.notFound')
  return c
}

export async function askQuestion(input: {
  challengeId: string
  acting: ActingParty
  question: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const c = await loadOpen(tx, input.challengeId)
    if (c.status !== 'open') throw new UserError('challenges:errors.questionsClosed')
    const refusal = await eligibilityRefusal(tx, c, input.acting)
    if (refusal) throw new UserError(refusal)
    // An NDA challenge's Q&A is behind its NDA: asking is reading it.
    if (!(await hasAcceptedNda(tx, c, input.acting.userId)))
      throw new UserError('challenges:errors.ndaFirst')
    await tx.insert(challengeQuestions).values({
      challengeId: c.id,
      askedByUserId: input.acting.userId,
      question: input.question,
      createdAt: now(),
    })
    await notifyParty(tx, {
      orgId: c.orgId,
      kind: 'challenge.question',
      params: { title: c.title },
      link: `/challenges/${c.slug}#qa`,
    })
  })
}

export async function answerQuestion(input: {
  challengeId: string
  questionId: string
  actorUserId: string
  answer: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const c = await loadOpen(tx, input.challengeId)
    if (!(await actsForPoster(tx, c, input.actorUserId)))
      throw new UserError('challenges:errors.notYours')
    // Once, for all: a second answer to the same question is refused, not overwritten.
    const [q] = await tx
      .update(challengeQuestions)
      .set({ answer: input.answer, answeredByUserId: input.actorUserId, answeredAt: now() })
      .where(
        and(
          eq(challengeQuestions.id, input.questionId),
          eq(challengeQuestions.challengeId, c.id),
          isNull(challengeQuestions.answer),
        ),
      )
      .returning({ askedBy: challengeQuestions.askedByUserId })
    if (!q) throw new UserError('challenges:errors.alreadyAnswered')
    const bidders = await tx
      .select({ userId: challengeBids.bidderUserId })
      .from(challengeBids)
      .where(
        and(
          eq(challengeBids.challengeId, c.id),
          inArray(challengeBids.status, [...liveBidStatuses]),
        ),
      )
    for (const userId of new Set([q.askedBy, ...bidders.map((b) => b.userId)]))
      await notifyParty(tx, {
        userId,
        kind: 'challenge.answer',
        params: { title: c.title },
        link: `/challenges/${c.slug}#qa`,
      })
  })
}

/**
 * The Q&A as a reader who may read it sees it: answered ones for all, open ones for the poster,
 * and the reader's own open questions, so an asker sees theirs waiting for the answer.
 */
export async function questionsOf(challengeId: string, poster: boolean, readerId: string | null) {
  const rows = await db()
    .select({
      id: challengeQuestions.id,
      question: challengeQuestions.question,
      answer: challengeQuestions.answer,
      askedByUserId: challengeQuestions.askedByUserId,
      createdAt: challengeQuestions.createdAt,
      answeredAt: challengeQuestions.answeredAt,
    })
    .from(challengeQuestions)
    .where(eq(challengeQuestions.challengeId, challengeId))
    .orderBy(asc(challengeQuestions.createdAt))
  return rows
    .filter((r) => poster || r.answer !== null || r.askedByUserId === readerId)
    .map(({ askedByUserId: _asker, ...r }) => r)
}
