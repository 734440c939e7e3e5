// The startup's view of its own campaign: status, the commitments that count and who made them,
// the data room, unanswered and answered questions, updates, versions and the access log.
import { and, desc, eq, inArray } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { commitments, investorProfiles } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import type { Auth } from '../accounts/auth.server.ts'
import { campaignAccess } from './campaign-access.server.ts'
import { questionsOf } from './campaign-questions.server.ts'
import { updatesOf } from './campaign-updates.server.ts'
import {
  campaignBySlug,
  daysLeft,
  documentsOf,
  percentOf,
  progressOf,
  versionsOf,
} from './campaign-view.server.ts'
import { accessLogOf } from './data-room.server.ts'
import { countedCommitmentStates } from './deal.machine.ts'

/** The manage page's data; 404 for anyone but the startup's owners and admins. */
export async function manageCampaign(slug: string, auth: Auth) {
  const tx = db()
  const c = await campaignBySlug(tx, slug)
  if (!c) throw new Response('not found', { status: 404 })
  const access = await campaignAccess(tx, c, auth)
  if (!access.manages) throw new Response('not found', { status: 404 })
  const [progress, investors, documents, questions, updates, versions, log] = await Promise.all([
    progressOf(tx, [c.id]),
    tx
      .select({
        id: commitments.id,
        investor: investorProfiles.displayName,
        kind: investorProfiles.kind,
        amountFen: commitments.amountFen,
        status: commitments.status,
        createdAt: commitments.createdAt,
      })
      .from(commitments)
      .innerJoin(investorProfiles, eq(investorProfiles.id, commitments.investorProfileId))
      .where(
        and(
          eq(commitments.campaignId, c.id),
          inArray(commitments.status, [...countedCommitmentStates]),
        ),
      )
      .orderBy(desc(commitments.createdAt))
      .limit(300),
    documentsOf(tx, c.id),
    questionsOf(c.id, true, auth.user.id),
    updatesOf(c.id),
    versionsOf(tx, c.id),
    accessLogOf(c.id),
  ])
  const p = progress.get(c.id) ?? { committedFen: 0, investors: 0 }
  return {
    campaign: {
      id: c.id,
      slug: c.slug,
      title: c.title,
      status: c.status,
      version: c.version,
      targetFen: c.targetFen,
      maxFen: c.maxFen,
      deadline: c.deadline.toISOString(),
      daysLeft: daysLeft(c.deadline, now()),
      committedFen: p.committedFen,
      investors: p.investors,
      percent: percentOf(p.committedFen, c.targetFen),
    },
    commitments: investors.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    documents: documents.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    questions,
    updates,
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    log,
  }
}
