// What the workspace of an awarded challenge shows one of its two sides: the plans, the escrow
// payment, the milestones with their deliverables and disputes, cancellation requests and the
// history. Null for anyone else, so the page answers 404 and gives nothing away.
import { asc, desc, eq, inArray } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import {
  challengeEvents,
  deliverables,
  disputes,
  milestoneEvents,
  milestones,
  organisations,
  uploads,
  users,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { currentSchedule, feeOn } from '../payments/fees.server.ts'
import { awardFenOf, loadAward, standingIn } from './award-parties.server.ts'
import { milestoneMachine } from './challenge.machine.ts'
import { AUTO_RELEASE_DAYS } from './challenge.schema.ts'
import { cancelRequests, MILESTONE_DISPUTE } from './delivery.server.ts'
import { awardPayment } from './funding.server.ts'
import { plansOf } from './milestone-plans.server.ts'

const DAY = 86_400_000

export async function loadWorkspace(key: string, userId: string) {
  const tx = db()
  const award = await loadAward(tx, key, false)
  if (!award) return null
  const standing = await standingIn(tx, award, userId)
  if (!standing) return null
  const { challenge, bid } = award
  const awardFen = awardFenOf(challenge, bid)
  const schedule = await currentSchedule(tx, 'challenge')
  const [plans, owed, rows, requests, events] = await Promise.all([
    plansOf(tx, challenge.id, bid.id),
    awardPayment(tx, challenge.id),
    tx
      .select()
      .from(milestones)
      .where(eq(milestones.challengeId, challenge.id))
      .orderBy(asc(milestones.seq)),
    cancelRequests(tx, challenge.id),
    tx
      .select()
      .from(challengeEvents)
      .where(eq(challengeEvents.challengeId, challenge.id))
      .orderBy(asc(challengeEvents.at)),
  ])
  const ids = rows.map((m) => m.id)
  const [delivered, disputed, mEvents] = ids.length
    ? await Promise.all([
        tx
          .select()
          .from(deliverables)
          .where(inArray(deliverables.milestoneId, ids))
          .orderBy(desc(deliverables.createdAt)),
        tx
          .select()
          .from(disputes)
          .where(inArray(disputes.subjectId, ids))
          .orderBy(desc(disputes.createdAt)),
        tx
          .select()
          .from(milestoneEvents)
          .where(inArray(milestoneEvents.milestoneId, ids))
          .orderBy(asc(milestoneEvents.at)),
      ])
    : [[], [], []]
  const uploadIds = delivered.flatMap((d) => d.uploadIds)
  const files = uploadIds.length
    ? await tx
        .select({ id: uploads.id, name: uploads.originalName, size: uploads.sizeBytes })
        .from(uploads)
        .where(inArray(uploads.id, uploadIds))
    : []
  const actorIds = [
    ...new Set(
      [
        ...events,
        ...mEvents,
        ...delivered.map((d) => ({ actorUserId: d.submittedByUserId })),
        ...plans.map((p) => ({ actorUserId: p.proposedByUserId })),
      ]
        .map((e) => e.actorUserId)
        .filter((id): id is string => id !== null),
    ),
  ]
  const names = actorIds.length
    ? await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(inArray(users.id, actorIds))
    : []
  const nameOf = new Map(names.map((n) => [n.id, n.name]))
  const [posterOrg, winnerOrg, bidder] = await Promise.all([
    tx
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, challenge.orgId))
      .then((r) => r[0]?.name ?? ''),
    bid.bidderOrgId
      ? tx
          .select({ name: organisations.name })
          .from(organisations)
          .where(eq(organisations.id, bid.bidderOrgId))
          .then((r) => r[0]?.name ?? null)
      : null,
    tx
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, bid.bidderUserId))
      .then((r) => r[0]?.name ?? ''),
  ])
  const fileOf = new Map(files.map((f) => [f.id, f]))
  const milestoneTitle = new Map(rows.map((m) => [m.id, `${m.seq}. ${m.title}`]))
  const history = [
    ...events.map((e) => ({
      at: e.at,
      subject: null as string | null,
      action: e.action,
      actor: e.actorUserId ? (nameOf.get(e.actorUserId) ?? null) : null,
      note: e.note,
    })),
    ...mEvents.map((e) => ({
      at: e.at,
      subject: milestoneTitle.get(e.milestoneId) ?? null,
      action: `milestone-${e.action}`,
      actor: e.actorUserId ? (nameOf.get(e.actorUserId) ?? null) : null,
      note: e.note,
    })),
    ...plans.flatMap((p) => [
      {
        at: p.createdAt,
        subject: null as string | null,
        action: `plan-proposed-${p.proposedBySide}`,
        actor: p.proposedByUserId ? (nameOf.get(p.proposedByUserId) ?? null) : null,
        note: p.note || null,
      },
      ...(p.status === 'agreed'
        ? [{ at: p.updatedAt, subject: null, action: 'plan-agreed', actor: null, note: null }]
        : []),
    ]),
  ].sort((a, b) => a.at.getTime() - b.at.getTime())
  const at = now()
  return {
    side: standing.side,
    acts: standing.acts,
    challenge,
    bid,
    awardFen,
    feeRateBp: schedule.rateBp,
    feePreviewFen: feeOn(awardFen, schedule),
    parties: { posterOrg, winner: winnerOrg ?? bidder, bidder },
    plans,
    payment: owed,
    milestones: rows.map((m) => {
      const disputesOf = disputed.filter(
        (d) => d.subjectKind === MILESTONE_DISPUTE && d.subjectId === m.id,
      )
      return {
        ...m,
        autoReleaseAt:
          m.status === 'submitted' && m.submittedAt
            ? new Date(m.submittedAt.getTime() + AUTO_RELEASE_DAYS * DAY)
            : null,
        actions: milestoneMachine.transitions
          .filter((t) => (t.from as readonly string[]).includes(m.status))
          .map((t) => t.action),
        deliverables: delivered
          .filter((d) => d.milestoneId === m.id)
          .map((d) => ({
            ...d,
            by: nameOf.get(d.submittedByUserId) ?? '',
            files: d.uploadIds.map((id) => fileOf.get(id) ?? { id, name: id.slice(0, 8), size: 0 }),
          })),
        dispute: disputesOf[0] ?? null,
      }
    }),
    cancelRequests: [...requests.entries()].map(([side, r]) => ({
      side,
      at: r.at,
      note: r.note,
    })),
    deadlinePassed: challenge.fundingDeadline ? challenge.fundingDeadline <= at : false,
    history,
  }
}

export type Workspace = NonNullable<Awaited<ReturnType<typeof loadWorkspace>>>
