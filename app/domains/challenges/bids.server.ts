// Bidding on a challenge, from the 揭榜挂帅 application to the award: the bidder applies, bids,
// edits and withdraws until the bid deadline; the poster (owners and admins of the posting
// organisation) admits applicants, shortlists, rejects, messages a bidder, and awards one bid or
// declares no award by the award deadline. Every use case locks the challenge row first, so
// a bid racing the deadline, or two awards, are decided one after the other; statuses change
// only through the machines (moveBid, moveChallenge).
//
// Bids are private: the queries here return a bid only to its bidder (the person who placed it,
// and for an organisation's bid that organisation's owners and admins) and to the posting
// organisation; anyone else gets null, which pages turn into 404.
import { and, asc, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { isUuid } from '../../../db/ids.ts'
import {
  bidEvents,
  challengeBids,
  challenges,
  messageThreads,
  organisations,
  orgMembers,
  threadParticipants,
  timers,
  uploads,
  users,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { env } from '../../env.server.ts'
import type { ActingParty } from '../accounts/auth.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { createThread, threadLink } from '../notifications/threads.server.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { formatMoney, parseYuan } from '../payments/money.ts'
import { UserError } from '../problems.ts'
import { registerTimer, scheduleTimer, cancelTimers } from '../timers/timers.server.ts'
import { checkUpload, storeUpload, type CheckedFile } from '../uploads/store-upload.server.ts'
import {
  actsForPoster,
  eligibilityRefusal,
  hasAcceptedNda,
  isPosterMember,
  posterRoles,
  type Challenge,
} from './challenge-access.server.ts'
import { liveBidStatuses, type BidStatus } from './challenge.machine.ts'
import type { ApplicationFields, BidFields } from './bids.schema.ts'
import { scheduleFundingDeadline } from './funding.server.ts'
import { moveBid, moveChallenge } from './transitions.server.ts'
import { assertNotHeld } from '../moderation/holds.server.ts'

export type Bid = typeof challengeBids.$inferSelect

/** The timer that closes a challenge nobody awarded by its award deadline. */
export const NO_AWARD_TIMER = 'challenge.no-award'
/** At most this many files go with one bid. */
export const MAX_BID_ATTACHMENTS = 5
const DAY = 86_400_000

const isLive = inArray(challengeBids.status, [...liveBidStatuses])
const isLiveStatus = (s: BidStatus) => (liveBidStatuses as readonly string[]).includes(s)

/** Links of the pages, by the challenge's slug (its public address). */
export const bidLinks = {
  bidder: (c: Pick<Challenge, 'slug'>) => `/challenges/${c.slug}/bid`,
  poster: (c: Pick<Challenge, 'slug'>) => `/challenges/${c.slug}/bids`,
  work: (c: Pick<Challenge, 'slug'>) => `/challenges/${c.slug}/work`,
  bid: (bidId: string) => `/bids/${bidId}`,
}

/** Postgres' unique_violation, however deep the driver wrapped it. */
function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    if ((e as { code?: unknown }).code === '23505') return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}

/**
 * One transaction; a unique-index violation (two live bids of one person or one organisation,
 * placed at the same instant) becomes the message the pre-checks would have given.
 */
async function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db().transaction(work)
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError('bids:errors.alreadyBidding')
    if (error instanceof TransitionError) throw new UserError('bids:errors.notNow')
    throw error
  }
}

async function lockChallenge(tx: Tx, challengeId: string): Promise<Challenge> {
  if (!isUuid(challengeId)) throw new UserError('bids:errors.notFound')
  const row = await tx
    .select()
    .from(challenges)
    .where(eq(challenges.id, challengeId))
    .for('update')
    .then((r) => r[0])
  if (!row || row.status === 'draft') throw new UserError('bids:errors.notFound')
  return row
}

/** The bid and its challenge, the challenge row locked (always challenge first, then bid). */
async function lockBid(tx: Tx, bidId: string): Promise<{ bid: Bid; challenge: Challenge }> {
  if (!isUuid(bidId)) throw new UserError('bids:errors.notFound')
  const head = await tx
    .select({ challengeId: challengeBids.challengeId })
    .from(challengeBids)
    .where(eq(challengeBids.id, bidId))
    .then((r) => r[0])
  if (!head) throw new UserError('bids:errors.notFound')
  const challenge = await lockChallenge(tx, head.challengeId)
  const bid = await tx
    .select()
    .from(challengeBids)
    .where(eq(challengeBids.id, bidId))
    .for('update')
    .then((r) => r[0])
  if (!bid) throw new UserError('bids:errors.notFound')
  return { bid, challenge }
}

/** Bids, applications, edits and withdrawals are taken until the bid deadline, never after. */
function assertBidsOpen(challenge: Challenge) {
  if (now().getTime() >= challenge.bidDeadline.getTime())
    throw new UserError('bids:errors.deadlinePassed')
  if (challenge.status !== 'open') throw new UserError('bids:errors.closed')
}

async function assertPoster(tx: Tx, challenge: Challenge, userId: string) {
  if (!(await actsForPoster(tx, challenge, userId))) throw new UserError('bids:errors.notFound')
}

async function orgRole(tx: Tx, orgId: string, userId: string) {
  return tx
    .select({ role: orgMembers.role })
    .from(orgMembers)
    .where(
      and(eq(orgMembers.orgId, orgId), eq(orgMembers.userId, userId), isNull(orgMembers.leftAt)),
    )
    .then((r) => r[0]?.role)
}

/** The person who placed the bid, or an owner or admin of the organisation it was placed for. */
async function isBidder(tx: Tx, bid: Bid, userId: string): Promise<boolean> {
  if (bid.bidderUserId === userId) return true
  if (!bid.bidderOrgId) return false
  const role = await orgRole(tx, bid.bidderOrgId, userId)
  return role === 'owner' || role === 'admin'
}

async function assertBidder(tx: Tx, bid: Bid, userId: string) {
  if (!(await isBidder(tx, bid, userId))) throw new UserError('bids:errors.notFound')
}

/**
 * Whether the acting party may take part at all: eligible, past the NDA when there is one, and
 * without a live bid already (a person bids alone or for one organisation, never both; an
 * organisation bids once, whichever member places it). A party the poster rejected does not
 * come back with a new application or bid.
 */
async function assertMayTakePart(tx: Tx, challenge: Challenge, acting: ActingParty) {
  const refusal = await eligibilityRefusal(tx, challenge, acting)
  if (refusal) throw new UserError(refusal)
  if (!(await hasAcceptedNda(tx, challenge, acting.userId)))
    throw new UserError('bids:errors.ndaFirst')
  const mine = await tx
    .select({ bidderOrgId: challengeBids.bidderOrgId })
    .from(challengeBids)
    .where(
      and(
        eq(challengeBids.challengeId, challenge.id),
        eq(challengeBids.bidderUserId, acting.userId),
        isLive,
      ),
    )
    .then((r) => r[0])
  if (mine)
    throw new UserError(
      mine.bidderOrgId ? 'bids:errors.alreadyBiddingForOrg' : 'bids:errors.alreadyBidding',
    )
  if (acting.kind === 'org') {
    const ours = await tx
      .select({ id: challengeBids.id })
      .from(challengeBids)
      .where(
        and(
          eq(challengeBids.challengeId, challenge.id),
          eq(challengeBids.bidderOrgId, acting.orgId),
          isLive,
        ),
      )
      .then((r) => r[0])
    if (ours) throw new UserError('bids:errors.orgAlreadyBidding')
  }
  const rejected = await tx
    .select({ id: challengeBids.id })
    .from(challengeBids)
    .where(
      and(
        eq(challengeBids.challengeId, challenge.id),
        eq(challengeBids.status, 'rejected'),
        acting.kind === 'org'
          ? eq(challengeBids.bidderOrgId, acting.orgId)
          : and(eq(challengeBids.bidderUserId, acting.userId), isNull(challengeBids.bidderOrgId)),
      ),
    )
    .limit(1)
    .then((r) => r[0])
  if (rejected) throw new UserError('bids:errors.wasRejected')
}

/**
 * The price a bid is for: typed within the budget range for a priced challenge; the award
 * itself for a fixed one (whatever was typed).
 */
function priceOf(challenge: Challenge, fields: BidFields): number {
  if (challenge.awardMode === 'fixed') {
    if (!challenge.awardFen) throw new Error(`challenge ${challenge.id} has no award`)
    return challenge.awardFen
  }
  if (!fields.priceYuan) throw new UserError('bids:errors.priceRequired', 'priceYuan')
  const fen = parseYuan(fields.priceYuan)
  if (fen === null || fen <= 0) throw new UserError('bids:errors.priceFormat', 'priceYuan')
  const min = challenge.budgetMinFen ?? 0
  const max = challenge.budgetMaxFen ?? Number.MAX_SAFE_INTEGER
  if (fen < min || fen > max)
    throw new UserError('bids:errors.priceOutOfRange', 'priceYuan', {
      min: formatMoney(min),
      max: formatMoney(max),
    })
  return fen
}

/** Checked before anything is written, so a refused file leaves no half-made bid. */
async function checkFiles(files: readonly File[]): Promise<CheckedFile[]> {
  const present = files.filter((f) => f.size > 0)
  if (present.length > MAX_BID_ATTACHMENTS)
    throw new UserError('bids:errors.tooManyFiles', undefined, { max: MAX_BID_ATTACHMENTS })
  const checked: CheckedFile[] = []
  // No field of the form's own: a refused file is said above the form.
  for (const file of present) checked.push(await checkUpload(file, 'attachment', ''))
  return checked
}

async function storeFiles(tx: Tx, files: CheckedFile[], ownerUserId: string): Promise<string[]> {
  const ids: string[] = []
  // Owned by the person alone: the bidder's organisation's members at large must not read it;
  // its owners and admins, and the poster, read it through canReadBidAttachment.
  for (const file of files)
    ids.push((await storeUpload(tx, { file, purpose: 'attachment', ownerUserId })).id)
  return ids
}

async function recordCreation(tx: Tx, bid: Bid, action: string, actorUserId: string) {
  await tx.insert(bidEvents).values({
    bidId: bid.id,
    action,
    fromStatus: null,
    toStatus: bid.status,
    actorUserId,
    at: now(),
  })
}

/** Tells the bidder (the person, and for an organisation's bid its owners and admins). */
function bidderParty(bid: Bid) {
  return { userId: bid.bidderUserId, orgId: bid.bidderOrgId, orgRoles: posterRoles }
}

/** Tells the posting organisation's owners and admins. */
function posterParty(challenge: Challenge) {
  return { orgId: challenge.orgId, orgRoles: posterRoles }
}

/**
 * The award deadline's timer. Scheduled at the first application or bid (and by the posting
 * side at publishing, if it calls this); at most one pending per challenge at the current
 * deadline. The handler re-reads the deadline, so a timer left from an earlier deadline is
 * harmless.
 */
export async function scheduleAwardDeadline(
  tx: Tx,
  challenge: Pick<Challenge, 'id' | 'awardDeadline'>,
): Promise<void> {
  const pending = await tx
    .select({ dueAt: timers.dueAt })
    .from(timers)
    .where(
      and(
        eq(timers.kind, NO_AWARD_TIMER),
        eq(timers.subjectId, challenge.id),
        isNull(timers.firedAt),
        isNull(timers.cancelledAt),
      ),
    )
  if (pending.some((p) => p.dueAt.getTime() === challenge.awardDeadline.getTime())) return
  if (pending.length > 0) await cancelTimers(tx, NO_AWARD_TIMER, challenge.id)
  await scheduleTimer(tx, {
    kind: NO_AWARD_TIMER,
    subjectId: challenge.id,
    dueAt: challenge.awardDeadline,
  })
}

/** The bid deadline passed but its timer has not closed bidding yet: close it now. */
async function closeBidsIfDue(tx: Tx, challenge: Challenge): Promise<Challenge> {
  if (challenge.status !== 'open' || now().getTime() < challenge.bidDeadline.getTime())
    return challenge
  return moveChallenge(tx, {
    challengeId: challenge.id,
    action: 'close-bids',
    actorRoles: ['system'],
    actorUserId: null,
  })
}

// ——— The bidder's side ———

/** 揭榜挂帅: asks to take part, with who they are, their track record and a short plan. */
export async function applyToChallenge(
  input: ApplicationFields & { challengeId: string; acting: ActingParty },
): Promise<Bid> {
  return inTransaction(async (tx) => {
    const challenge = await lockChallenge(tx, input.challengeId)
    assertBidsOpen(challenge)
    await assertNotHeld(tx, 'challenge', challenge.id)
    if (challenge.solicitation !== 'jiebang') throw new UserError('bids:errors.notJiebang')
    await assertMayTakePart(tx, challenge, input.acting)
    const at = now()
    const [bid] = await tx
      .insert(challengeBids)
      .values({
        challengeId: challenge.id,
        bidderUserId: input.acting.userId,
        bidderOrgId: input.acting.kind === 'org' ? input.acting.orgId : null,
        status: 'applied',
        applicationProfile: input.profile,
        trackRecord: input.trackRecord,
        applicationPlan: input.plan,
        createdAt: at,
        updatedAt: at,
      })
      .returning()
    if (!bid) throw new Error('application not stored')
    await recordCreation(tx, bid, 'apply', input.acting.userId)
    await scheduleAwardDeadline(tx, challenge)
    await notifyParty(tx, {
      ...posterParty(challenge),
      kind: 'challenge.applied',
      params: { title: challenge.title },
      link: bidLinks.poster(challenge),
    })
    return bid
  })
}

/**
 * Places the acting party's bid. In an open call this creates the bid, submitted; in 揭榜挂帅
 * mode it completes the admitted application, and only an admitted applicant may.
 */
export async function submitBid(
  input: BidFields & { challengeId: string; acting: ActingParty; files?: readonly File[] },
): Promise<Bid> {
  const files = await checkFiles(input.files ?? [])
  return inTransaction(async (tx) => {
    const challenge = await lockChallenge(tx, input.challengeId)
    assertBidsOpen(challenge)
    await assertNotHeld(tx, 'challenge', challenge.id)
    const priceFen = priceOf(challenge, input)
    const at = now()
    const fields = {
      priceFen,
      timelineDays: input.timelineDays,
      approach: input.approach,
      team: input.team,
      submittedAt: at,
    }
    let bid: Bid
    if (challenge.solicitation === 'jiebang') {
      const application = await tx
        .select()
        .from(challengeBids)
        .where(
          and(
            eq(challengeBids.challengeId, challenge.id),
            input.acting.kind === 'org'
              ? eq(challengeBids.bidderOrgId, input.acting.orgId)
              : and(
                  eq(challengeBids.bidderUserId, input.acting.userId),
                  isNull(challengeBids.bidderOrgId),
                ),
            isLive,
          ),
        )
        .for('update')
        .then((r) => r[0])
      if (!application || !(await isBidder(tx, application, input.acting.userId)))
        throw new UserError('bids:errors.applyFirst')
      if (application.status === 'applied') throw new UserError('bids:errors.notAdmitted')
      if (application.status !== 'admitted') throw new UserError('bids:errors.alreadyBidding')
      // Eligibility and the NDA may have changed since the application (an amendment).
      const refusal = await eligibilityRefusal(tx, challenge, input.acting)
      if (refusal) throw new UserError(refusal)
      if (!(await hasAcceptedNda(tx, challenge, input.acting.userId)))
        throw new UserError('bids:errors.ndaFirst')
      bid = await moveBid(tx, {
        bidId: application.id,
        action: 'submit',
        actorRoles: ['bidder'],
        actorUserId: input.acting.userId,
        set: {
          ...fields,
          attachmentUploadIds: await storeFiles(tx, files, input.acting.userId),
        },
      })
    } else {
      await assertMayTakePart(tx, challenge, input.acting)
      const [row] = await tx
        .insert(challengeBids)
        .values({
          challengeId: challenge.id,
          bidderUserId: input.acting.userId,
          bidderOrgId: input.acting.kind === 'org' ? input.acting.orgId : null,
          status: 'submitted',
          ...fields,
          attachmentUploadIds: await storeFiles(tx, files, input.acting.userId),
          createdAt: at,
          updatedAt: at,
        })
        .returning()
      if (!row) throw new Error('bid not stored')
      bid = row
      await recordCreation(tx, bid, 'submit', input.acting.userId)
    }
    await scheduleAwardDeadline(tx, challenge)
    await notifyParty(tx, {
      ...posterParty(challenge),
      kind: 'challenge.bid',
      params: { title: challenge.title },
      link: bidLinks.poster(challenge),
    })
    return bid
  })
}

/**
 * Changes a submitted (or shortlisted) bid before the bid deadline. New files are added; the
 * ones named in `removeUploadIds` are dropped.
 */
export async function editBid(
  input: BidFields & {
    bidId: string
    actorUserId: string
    files?: readonly File[]
    removeUploadIds?: readonly string[]
  },
): Promise<Bid> {
  const files = await checkFiles(input.files ?? [])
  return inTransaction(async (tx) => {
    const { bid, challenge } = await lockBid(tx, input.bidId)
    await assertBidder(tx, bid, input.actorUserId)
    assertBidsOpen(challenge)
    if (bid.status !== 'submitted' && bid.status !== 'shortlisted')
      throw new UserError('bids:errors.notEditable')
    const kept = bid.attachmentUploadIds.filter((id) => !input.removeUploadIds?.includes(id))
    if (kept.length + files.length > MAX_BID_ATTACHMENTS)
      throw new UserError('bids:errors.tooManyFiles', undefined, { max: MAX_BID_ATTACHMENTS })
    const at = now()
    const [updated] = await tx
      .update(challengeBids)
      .set({
        priceFen: priceOf(challenge, input),
        timelineDays: input.timelineDays,
        approach: input.approach,
        team: input.team,
        attachmentUploadIds: [...kept, ...(await storeFiles(tx, files, input.actorUserId))],
        updatedAt: at,
      })
      .where(eq(challengeBids.id, bid.id))
      .returning()
    if (!updated) throw new Error(`bid ${bid.id} vanished`)
    await tx.insert(bidEvents).values({
      bidId: bid.id,
      action: 'edit',
      fromStatus: bid.status,
      toStatus: bid.status,
      actorUserId: input.actorUserId,
      at,
    })
    return updated
  })
}

/** Withdraws an application or a bid before the bid deadline. */
export async function withdrawBid(input: { bidId: string; actorUserId: string }): Promise<Bid> {
  return inTransaction(async (tx) => {
    const { bid, challenge } = await lockBid(tx, input.bidId)
    await assertBidder(tx, bid, input.actorUserId)
    assertBidsOpen(challenge)
    return moveBid(tx, {
      bidId: bid.id,
      action: 'withdraw',
      actorRoles: ['bidder'],
      actorUserId: input.actorUserId,
    })
  })
}

// ——— The poster's side ———

/** 揭榜挂帅: lets an applicant bid. */
export async function admitApplicant(input: { bidId: string; actorUserId: string }) {
  return inTransaction(async (tx) => {
    const { bid, challenge } = await lockBid(tx, input.bidId)
    await assertPoster(tx, challenge, input.actorUserId)
    assertBidsOpen(challenge)
    const moved = await moveBid(tx, {
      bidId: bid.id,
      action: 'admit',
      actorRoles: ['poster'],
      actorUserId: input.actorUserId,
    })
    await notifyParty(tx, {
      ...bidderParty(bid),
      kind: 'challenge.admitted',
      params: { title: challenge.title },
      link: bidLinks.bidder(challenge),
    })
    return moved
  })
}

async function rejectOne(
  tx: Tx,
  input: { bid: Bid; challenge: Challenge; actorUserId: string | null; reason: string },
) {
  const moved = await moveBid(tx, {
    bidId: input.bid.id,
    action: 'reject',
    actorRoles: input.actorUserId ? ['poster'] : ['system'],
    actorUserId: input.actorUserId,
    note: input.reason || null,
    set: { rejectionReason: input.reason || null },
  })
  await notifyParty(tx, {
    ...bidderParty(input.bid),
    kind: 'challenge.bidRejected',
    params: { title: input.challenge.title, reason: input.reason },
    link: bidLinks.bid(input.bid.id),
  })
  return moved
}

/** Turns down an application (揭榜挂帅) with a reason. */
export async function rejectApplication(input: {
  bidId: string
  actorUserId: string
  reason: string
}) {
  return inTransaction(async (tx) => {
    const { bid, challenge } = await lockBid(tx, input.bidId)
    await assertPoster(tx, challenge, input.actorUserId)
    if (bid.status !== 'applied' && bid.status !== 'admitted')
      throw new UserError('bids:errors.notAnApplication')
    return rejectOne(tx, { bid, challenge, actorUserId: input.actorUserId, reason: input.reason })
  })
}

/** Turns down a bid with a reason, at any time before the award. */
export async function rejectBid(input: { bidId: string; actorUserId: string; reason: string }) {
  return inTransaction(async (tx) => {
    const { bid, challenge } = await lockBid(tx, input.bidId)
    await assertPoster(tx, challenge, input.actorUserId)
    return rejectOne(tx, { bid, challenge, actorUserId: input.actorUserId, reason: input.reason })
  })
}

/** Puts a submitted bid on the shortlist; the bidder is told. */
export async function shortlistBid(input: { bidId: string; actorUserId: string }) {
  return inTransaction(async (tx) => {
    const { bid, challenge } = await lockBid(tx, input.bidId)
    await assertPoster(tx, challenge, input.actorUserId)
    const moved = await moveBid(tx, {
      bidId: bid.id,
      action: 'shortlist',
      actorRoles: ['poster'],
      actorUserId: input.actorUserId,
    })
    await notifyParty(tx, {
      ...bidderParty(bid),
      kind: 'challenge.shortlisted',
      params: { title: challenge.title },
      link: bidLinks.bid(bid.id),
    })
    return moved
  })
}

/**
 * Awards one bid: after the bid deadline and before the award deadline (or again after an award
 * lapsed). The challenge row is locked first, so of two awards racing, the second finds the
 * challenge already awarded and the machine refuses it. The other live bids are rejected, each
 * bidder told; the winner is told to agree milestones, funded by the funding deadline.
 */
export async function awardBid(input: { bidId: string; actorUserId: string }) {
  try {
    return await inTransaction(async (tx) => {
      const locked = await lockBid(tx, input.bidId)
      const { bid } = locked
      await assertPoster(tx, locked.challenge, input.actorUserId)
      const at = now()
      if (locked.challenge.status === 'open' && at < locked.challenge.bidDeadline)
        throw new UserError('bids:errors.beforeDeadline')
      if (locked.challenge.status !== 'award_lapsed' && at >= locked.challenge.awardDeadline)
        throw new UserError('bids:errors.awardDeadlinePassed')
      const challenge = await closeBidsIfDue(tx, locked.challenge)
      if (challenge.status !== 'reviewing' && challenge.status !== 'award_lapsed')
        throw new UserError('bids:errors.cannotAward')
      const won = await moveBid(tx, {
        bidId: bid.id,
        action: 'award',
        actorRoles: ['poster'],
        actorUserId: input.actorUserId,
      })
      const awarded = await moveChallenge(tx, {
        challengeId: challenge.id,
        action: 'award',
        actorRoles: ['poster'],
        actorUserId: input.actorUserId,
        set: {
          awardedBidId: bid.id,
          fundingDeadline: new Date(at.getTime() + env().CHALLENGE_FUNDING_DAYS * DAY),
        },
      })
      // An award nobody follows up lapses at the funding deadline, plan or no plan.
      await scheduleFundingDeadline(tx, awarded)
      const others = await tx
        .select()
        .from(challengeBids)
        .where(
          and(
            eq(challengeBids.challengeId, challenge.id),
            ne(challengeBids.id, bid.id),
            inArray(challengeBids.status, ['applied', 'admitted', 'submitted', 'shortlisted']),
          ),
        )
      // No reason of the poster's: another bid won, which the notification says.
      for (const other of others)
        await rejectOne(tx, { bid: other, challenge, actorUserId: null, reason: '' })
      await notifyParty(tx, {
        ...bidderParty(bid),
        kind: 'challenge.awarded',
        params: { title: challenge.title },
        link: bidLinks.work(challenge),
      })
      return { bid: won, challenge: awarded }
    })
  } catch (error) {
    if (error instanceof UserError && error.messageKey === 'bids:errors.notNow')
      throw new UserError('bids:errors.cannotAward')
    throw error
  }
}

/** Closes the challenge without a winner; live bids are turned down and every bidder is told. */
async function closeWithoutAward(
  tx: Tx,
  challenge: Challenge,
  input: { actorUserId: string | null; reason: string },
) {
  const closing = await closeBidsIfDue(tx, challenge)
  const closed = await moveChallenge(tx, {
    challengeId: closing.id,
    action: 'declare-no-award',
    actorRoles: input.actorUserId ? ['poster'] : ['system'],
    actorUserId: input.actorUserId,
    note: input.reason,
    set: { closedReason: input.reason },
  })
  const live = await tx
    .select()
    .from(challengeBids)
    .where(
      and(
        eq(challengeBids.challengeId, challenge.id),
        inArray(challengeBids.status, ['applied', 'admitted', 'submitted', 'shortlisted']),
      ),
    )
  for (const bid of live) {
    await moveBid(tx, {
      bidId: bid.id,
      action: 'reject',
      actorRoles: ['system'],
      actorUserId: input.actorUserId,
      note: input.reason,
      set: { rejectionReason: input.reason },
    })
    await notifyParty(tx, {
      ...bidderParty(bid),
      kind: 'challenge.noAward',
      params: { title: challenge.title, reason: input.reason },
      link: bidLinks.bid(bid.id),
    })
  }
  await cancelTimers(tx, NO_AWARD_TIMER, challenge.id)
  return closed
}

/** The poster closes the challenge without a winner, with reasons, by the award deadline. */
export async function declareNoAward(input: {
  challengeId: string
  actorUserId: string
  reason: string
}) {
  try {
    return await inTransaction(async (tx) => {
      const challenge = await lockChallenge(tx, input.challengeId)
      await assertPoster(tx, challenge, input.actorUserId)
      if (challenge.status === 'open' && now() < challenge.bidDeadline)
        throw new UserError('bids:errors.beforeDeadline')
      return closeWithoutAward(tx, challenge, input)
    })
  } catch (error) {
    if (error instanceof UserError && error.messageKey === 'bids:errors.notNow')
      throw new UserError('bids:errors.cannotCloseNow')
    throw error
  }
}

/** The system's reason, shown to bidders in their language by the notification text. */
export const NO_AWARD_BY_DEADLINE = '未在授予截止时间前授予 / Not awarded by the award deadline'

// A challenge still open or under review when its award deadline comes is closed without an
// award. Safe to fire late, twice, or for a deadline since moved: it re-reads the challenge.
registerTimer(NO_AWARD_TIMER, async (tx, challengeId) => {
  const challenge = await tx
    .select()
    .from(challenges)
    .where(eq(challenges.id, challengeId))
    .for('update')
    .then((r) => r[0])
  if (!challenge || (challenge.status !== 'open' && challenge.status !== 'reviewing')) return
  if (now().getTime() < challenge.awardDeadline.getTime()) {
    // The deadline moved later since this timer was set: wait for the new one.
    await scheduleTimer(tx, {
      kind: NO_AWARD_TIMER,
      subjectId: challenge.id,
      dueAt: challenge.awardDeadline,
    })
    return
  }
  await closeWithoutAward(tx, challenge, { actorUserId: null, reason: NO_AWARD_BY_DEADLINE })
})

/**
 * Opens (or reopens) the message thread between the poster and one bidder, about that bid;
 * returns its link. The acting poster joins an existing thread if they were not in it.
 */
export async function messageBidder(input: { bidId: string; actorUserId: string }) {
  return inTransaction(async (tx) => {
    const { bid, challenge } = await lockBid(tx, input.bidId)
    await assertPoster(tx, challenge, input.actorUserId)
    const existing = await tx
      .select({ id: messageThreads.id })
      .from(messageThreads)
      .where(
        and(eq(messageThreads.subjectKind, 'challenge-bid'), eq(messageThreads.subjectId, bid.id)),
      )
      .then((r) => r[0])
    if (existing) {
      await tx
        .insert(threadParticipants)
        .values({ threadId: existing.id, userId: input.actorUserId })
        .onConflictDoNothing()
      return threadLink(existing.id)
    }
    const thread = await createThread(tx, {
      subject: challenge.title,
      subjectKind: 'challenge-bid',
      subjectId: bid.id,
      participantIds: [input.actorUserId, bid.bidderUserId],
    })
    return threadLink(thread.id)
  })
}

// ——— Reading ———

const bidderColumns = {
  bid: challengeBids,
  bidderName: users.name,
  orgName: organisations.name,
  orgSlug: organisations.slug,
}

/** Every bid and application on a challenge, for the posting organisation's review page. */
export async function bidsForPoster(challengeId: string) {
  return db()
    .select(bidderColumns)
    .from(challengeBids)
    .innerJoin(users, eq(users.id, challengeBids.bidderUserId))
    .leftJoin(organisations, eq(organisations.id, challengeBids.bidderOrgId))
    .where(eq(challengeBids.challengeId, challengeId))
    .orderBy(asc(challengeBids.createdAt), asc(challengeBids.id))
}

/**
 * The acting party's bid on a challenge: its live one, else its latest (withdrawn, rejected…).
 * For an organisation, `blockedBy` tells a member that a colleague already bids for it without
 * showing them that bid (only its placer and the organisation's owners and admins see it).
 */
export async function myBid(
  challengeId: string,
  acting: ActingParty,
): Promise<{ bid: Bid | null; blockedBy: 'org' | 'person' | null }> {
  const tx = db()
  const party =
    acting.kind === 'org'
      ? eq(challengeBids.bidderOrgId, acting.orgId)
      : and(eq(challengeBids.bidderUserId, acting.userId), isNull(challengeBids.bidderOrgId))
  const rows = await tx
    .select()
    .from(challengeBids)
    .where(and(eq(challengeBids.challengeId, challengeId), party))
    .orderBy(desc(challengeBids.createdAt))
  const bid = rows.find((b) => isLiveStatus(b.status)) ?? rows[0] ?? null
  if (bid && !(await isBidder(tx, bid, acting.userId)))
    return { bid: null, blockedBy: isLiveStatus(bid.status) ? 'org' : null }
  if (bid && isLiveStatus(bid.status)) return { bid, blockedBy: null }
  // Acting alone (or for an organisation) while a live bid of this person stands the other way.
  const elsewhere = await tx
    .select({ id: challengeBids.id })
    .from(challengeBids)
    .where(
      and(
        eq(challengeBids.challengeId, challengeId),
        eq(challengeBids.bidderUserId, acting.userId),
        isLive,
      ),
    )
    .then((r) => r[0])
  return { bid, blockedBy: elsewhere ? 'person' : null }
}

/**
 * One bid with its challenge, bidder and history, for its bidder or the posting organisation;
 * null for anyone else, so a stranger (another bidder included) cannot tell it exists.
 */
export async function loadBidFor(bidId: string, userId: string) {
  if (!isUuid(bidId)) return null
  const tx = db()
  const row = await tx
    .select({ ...bidderColumns, challenge: challenges })
    .from(challengeBids)
    .innerJoin(challenges, eq(challenges.id, challengeBids.challengeId))
    .innerJoin(users, eq(users.id, challengeBids.bidderUserId))
    .leftJoin(organisations, eq(organisations.id, challengeBids.bidderOrgId))
    .where(eq(challengeBids.id, bidId))
    .then((r) => r[0])
  if (!row) return null
  const asBidder = await isBidder(tx, row.bid, userId)
  const asPoster = !asBidder && (await isPosterMember(tx, row.challenge, userId))
  if (!asBidder && !asPoster) return null
  const events = await tx
    .select({
      action: bidEvents.action,
      toStatus: bidEvents.toStatus,
      note: bidEvents.note,
      at: bidEvents.at,
    })
    .from(bidEvents)
    .where(eq(bidEvents.bidId, bidId))
    .orderBy(asc(bidEvents.at))
  const files = row.bid.attachmentUploadIds.length
    ? await tx
        .select({ id: uploads.id, name: uploads.originalName, size: uploads.sizeBytes })
        .from(uploads)
        .where(inArray(uploads.id, row.bid.attachmentUploadIds))
    : []
  return {
    ...row,
    side: asBidder ? ('bidder' as const) : ('poster' as const),
    canActForPoster: asPoster && (await actsForPoster(tx, row.challenge, userId)),
    events,
    files,
  }
}

/** The bids a person placed, or that their organisations (as owner or admin) placed. */
export async function bidsOf(userId: string) {
  const tx = db()
  const managed = await tx
    .select({ orgId: orgMembers.orgId })
    .from(orgMembers)
    .where(
      and(
        eq(orgMembers.userId, userId),
        isNull(orgMembers.leftAt),
        inArray(orgMembers.role, [...posterRoles]),
      ),
    )
  const orgIds = managed.map((m) => m.orgId)
  return tx
    .select({
      id: challengeBids.id,
      status: challengeBids.status,
      priceFen: challengeBids.priceFen,
      submittedAt: challengeBids.submittedAt,
      updatedAt: challengeBids.updatedAt,
      orgName: organisations.name,
      challengeSlug: challenges.slug,
      challengeTitle: challenges.title,
      challengeStatus: challenges.status,
      bidDeadline: challenges.bidDeadline,
      awardedBidId: challenges.awardedBidId,
    })
    .from(challengeBids)
    .innerJoin(challenges, eq(challenges.id, challengeBids.challengeId))
    .leftJoin(organisations, eq(organisations.id, challengeBids.bidderOrgId))
    .where(
      orgIds.length
        ? or(eq(challengeBids.bidderUserId, userId), inArray(challengeBids.bidderOrgId, orgIds))
        : eq(challengeBids.bidderUserId, userId),
    )
    .orderBy(desc(challengeBids.updatedAt))
}

/**
 * Whether a person may read an uploaded file as a bid's attachment: its bidder side or the
 * posting organisation. For the upload route (its `attachment` purpose).
 */
export async function canReadBidAttachment(userId: string, uploadId: string): Promise<boolean> {
  if (!isUuid(uploadId)) return false
  const rows = await db()
    .select({ id: challengeBids.id })
    .from(challengeBids)
    .where(sql`${uploadId}::uuid = any(${challengeBids.attachmentUploadIds})`)
  for (const row of rows) if (await loadBidFor(row.id, userId)) return true
  return false
}
