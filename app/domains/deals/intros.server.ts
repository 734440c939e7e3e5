// Double opt-in intros between a startup and an investor. Either side asks with a message; the
// other side accepts or declines. Only on accept does a message thread open and do both sides
// see each other's contacts. A sender (the person) makes at most INTROS_PER_WEEK requests in
// any 7 days, counted under a lock on their user row; a declined request cannot be repeated by
// the same side to the same counterpart for INTRO_DECLINE_BLOCK_DAYS; one open request per pair.
import { and, desc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import { isUuid } from '../../../db/ids.ts'
import { db, type Tx } from '../../../db/client.server.ts'
import {
  intros,
  introEvents,
  investorProfiles,
  organisations,
  orgMembers,
  startupProfiles,
  users,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import type { Language } from '../../i18n/config.ts'
import { formatDateTime } from '../../i18n/format.ts'
import { actingParty, notFound, type Auth } from '../accounts/auth.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { createThread, threadLink } from '../notifications/threads.server.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { managesOrg } from '../orgs/org-role.server.ts'
import { UserError } from '../problems.ts'
import type { IntroStatus } from './deal.machine.ts'
import { INTRO_DECLINE_BLOCK_DAYS, INTROS_PER_WEEK, type IntroSide } from './deals.schema.ts'
import {
  actingInvestorProfile,
  profilesActedBy,
  type InvestorProfile,
} from './investor-standing.server.ts'
import { moveIntro } from './transitions.server.ts'

const DAY = 86_400_000
const WEEK = 7 * DAY

export const introLink = (introId: string) => `/intros/${introId}`

const other = (side: IntroSide): IntroSide => (side === 'startup' ? 'investor' : 'startup')

/** Postgres' unique_violation, however deep the driver wrapped it. */
function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    if ((e as { code?: unknown }).code === '23505') return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}

type Startup = { orgId: string; slug: string; name: string; status: string }

/** A startup with a fundraising profile, found by its slug or its organisation id. */
async function startupWhere(tx: Tx, where: SQL): Promise<Startup | null> {
  const row = await tx
    .select({
      orgId: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      status: organisations.status,
    })
    .from(startupProfiles)
    .innerJoin(organisations, eq(organisations.id, startupProfiles.orgId))
    .where(where)
    .then((r) => r[0])
  return row ?? null
}

const startupBySlug = (tx: Tx, slug: string) => startupWhere(tx, eq(organisations.slug, slug))
const startupById = (tx: Tx, orgId: string) => startupWhere(tx, eq(organisations.id, orgId))

async function investorById(tx: Tx, id: string): Promise<InvestorProfile | null> {
  if (!isUuid(id)) return null
  const row = await tx
    .select()
    .from(investorProfiles)
    .where(eq(investorProfiles.id, id))
    .then((r) => r[0])
  return row ?? null
}

/** Whether the person speaks for the investor: the person itself, or the firm's owner/admin. */
async function actsForInvestor(tx: Tx, investor: InvestorProfile, userId: string) {
  if (investor.kind === 'individual') return investor.userId === userId
  return investor.orgId ? managesOrg(tx, investor.orgId, userId) : false
}

/** Owners and admins of the startup speak for it. */
const actsForStartup = (tx: Tx, orgId: string, userId: string) => managesOrg(tx, orgId, userId)

/** Who gets told for a side: the investor person or the firm's owners/admins; the startup's. */
function partyOf(side: IntroSide, startupOrgId: string, investor: InvestorProfile) {
  if (side === 'startup') return { orgId: startupOrgId }
  return investor.kind === 'individual' ? { userId: investor.userId } : { orgId: investor.orgId }
}

/** Everyone of both sides, for the thread that opens on accept. */
async function peopleOfBothSides(tx: Tx, startupOrgId: string, investor: InvestorProfile) {
  const orgIds = [
    startupOrgId,
    ...(investor.kind === 'institution' && investor.orgId ? [investor.orgId] : []),
  ]
  const members = await tx
    .select({ userId: orgMembers.userId })
    .from(orgMembers)
    .innerJoin(users, eq(users.id, orgMembers.userId))
    .where(
      and(
        inArray(orgMembers.orgId, orgIds),
        isNull(orgMembers.leftAt),
        isNull(users.deletedAt),
        inArray(orgMembers.role, ['owner', 'admin']),
      ),
    )
  const people = new Set(members.map((m) => m.userId))
  if (investor.kind === 'individual' && investor.userId) people.add(investor.userId)
  return [...people]
}

async function touchProfiles(tx: Tx, startupOrgId: string, investorProfileId: string) {
  const at = now()
  await tx
    .update(startupProfiles)
    .set({ lastActiveAt: at })
    .where(eq(startupProfiles.orgId, startupOrgId))
  await tx
    .update(investorProfiles)
    .set({ lastActiveAt: at })
    .where(eq(investorProfiles.id, investorProfileId))
}

export type IntroTarget =
  { kind: 'investor'; investorId: string } | { kind: 'startup'; slug: string }

export type IntroDraft = {
  side: IntroSide
  from: { name: string }
  to: { name: string; href: string }
  /** Why the person cannot ask (a catalogue key and its values), or null. */
  refusal: { key: string; values?: Record<string, string | number> } | null
}

/**
 * Who asks whom, for the request page and the request itself: to an investor the person asks
 * for the startup they act for (as its owner or admin); to a startup, for the investor they act
 * for (themselves, or their firm when acting for it). Throws 404 for a counterpart the person
 * may not see.
 */
async function resolveParties(tx: Tx, auth: Auth, target: IntroTarget) {
  const acting = actingParty(auth)
  const userId = auth.user.id
  if (target.kind === 'investor') {
    const investor = await investorById(tx, target.investorId)
    if (!investor) throw notFound()
    const startup = acting.kind === 'org' ? await startupById(tx, acting.orgId) : null
    const visible =
      investor.visibility === 'public' || (startup !== null && startup.status === 'verified')
    if (!visible) throw notFound()
    const to = { name: investor.displayName, href: `/investors/${investor.id}` }
    if (!startup)
      return { side: 'startup' as const, investor, startup: null, to, refusal: 'actForStartup' }
    if (!(await actsForStartup(tx, startup.orgId, userId)))
      return { side: 'startup' as const, investor, startup, to, refusal: 'notStartupAdmin' }
    if (await actsForInvestor(tx, investor, userId))
      return { side: 'startup' as const, investor, startup, to, refusal: 'self' }
    return { side: 'startup' as const, investor, startup, to, refusal: null }
  }
  const startup = await startupBySlug(tx, target.slug)
  if (!startup) throw notFound()
  const to = { name: startup.name, href: `/startups/${startup.slug}` }
  const investor = await actingInvestorProfile(
    tx,
    userId,
    acting.kind === 'org' ? acting.orgId : null,
  )
  if (!investor)
    return { side: 'investor' as const, investor: null, startup, to, refusal: 'actForInvestor' }
  if (await actsForStartup(tx, startup.orgId, userId))
    return { side: 'investor' as const, investor, startup, to, refusal: 'self' }
  return { side: 'investor' as const, investor, startup, to, refusal: null }
}

async function openBetween(tx: Tx, startupOrgId: string, investorProfileId: string) {
  return tx
    .select({ id: intros.id })
    .from(intros)
    .where(
      and(
        eq(intros.startupOrgId, startupOrgId),
        eq(intros.investorProfileId, investorProfileId),
        eq(intros.status, 'requested'),
      ),
    )
    .then((r) => r[0] ?? null)
}

/** The latest decline of this side's request to this counterpart that still blocks, if any. */
async function blockingDecline(
  tx: Tx,
  side: IntroSide,
  startupOrgId: string,
  investorProfileId: string,
) {
  const since = new Date(now().getTime() - INTRO_DECLINE_BLOCK_DAYS * DAY)
  const row = await tx
    .select({ decidedAt: intros.decidedAt })
    .from(intros)
    .where(
      and(
        eq(intros.startupOrgId, startupOrgId),
        eq(intros.investorProfileId, investorProfileId),
        eq(intros.fromSide, side),
        eq(intros.status, 'declined'),
        gt(intros.decidedAt, since),
      ),
    )
    .orderBy(desc(intros.decidedAt))
    .limit(1)
    .then((r) => r[0])
  return row?.decidedAt ? new Date(row.decidedAt.getTime() + INTRO_DECLINE_BLOCK_DAYS * DAY) : null
}

/** The sender's requests in the 7 days up to now, oldest first. */
async function sentThisWeek(tx: Tx, userId: string) {
  return tx
    .select({ createdAt: intros.createdAt })
    .from(intros)
    .where(
      and(
        eq(intros.requestedByUserId, userId),
        gt(intros.createdAt, new Date(now().getTime() - WEEK)),
      ),
    )
    .orderBy(intros.createdAt)
}

function weeklyRefusal(sent: { createdAt: Date }[], lng: Language) {
  if (sent.length < INTROS_PER_WEEK) return null
  // The request that leaves the 7-day window first frees a place.
  const oldest = sent[sent.length - INTROS_PER_WEEK]
  const at = new Date((oldest?.createdAt ?? now()).getTime() + WEEK)
  return { key: 'weekly', values: { limit: INTROS_PER_WEEK, date: formatDateTime(at, lng) } }
}

/** The request page: who asks whom, and whether they may now (and if not, why and until when). */
export async function introDraft(
  auth: Auth,
  target: IntroTarget,
  lng: Language,
): Promise<IntroDraft> {
  const tx = db()
  const p = await resolveParties(tx, auth, target)
  const from =
    p.side === 'startup' ? { name: p.startup?.name ?? '' } : { name: p.investor?.displayName ?? '' }
  const base = { side: p.side, from, to: p.to }
  if (p.refusal) return { ...base, refusal: { key: p.refusal } }
  const startupOrgId = p.startup?.orgId ?? ''
  const investorId = p.investor?.id ?? ''
  if (await openBetween(tx, startupOrgId, investorId)) return { ...base, refusal: { key: 'open' } }
  const until = await blockingDecline(tx, p.side, startupOrgId, investorId)
  if (until)
    return {
      ...base,
      refusal: { key: 'declinedBlock', values: { date: formatDateTime(until, lng) } },
    }
  const weekly = weeklyRefusal(await sentThisWeek(tx, auth.user.id), lng)
  return { ...base, refusal: weekly }
}

/** Sends an intro request; returns its id. */
export async function requestIntro(input: {
  auth: Auth
  target: IntroTarget
  message: string
  lng: Language
}): Promise<{ id: string }> {
  const message = input.message.trim()
  if (!message) throw new UserError('intros:errors.messageRequired', 'message')
  const userId = input.auth.user.id
  try {
    return await db().transaction(async (tx) => {
      // The sender's row lock serialises their requests, so the weekly count cannot be raced.
      // NO KEY UPDATE, not UPDATE: it must not block the KEY SHARE that a notification to this
      // person (its foreign key) takes in another sender's transaction, or the two deadlock.
      await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('no key update')
      const p = await resolveParties(tx, input.auth, input.target)
      if (p.refusal || !p.startup || !p.investor)
        throw new UserError(`intros:refusals.${p.refusal ?? 'actForStartup'}`)
      const { startup, investor, side } = p
      const weekly = weeklyRefusal(await sentThisWeek(tx, userId), input.lng)
      if (weekly) throw new UserError('intros:refusals.weekly', undefined, weekly.values)
      if (await openBetween(tx, startup.orgId, investor.id))
        throw new UserError('intros:refusals.open')
      const until = await blockingDecline(tx, side, startup.orgId, investor.id)
      if (until)
        throw new UserError('intros:refusals.declinedBlock', undefined, {
          date: formatDateTime(until, input.lng),
        })
      const at = now()
      const [intro] = await tx
        .insert(intros)
        .values({
          fromSide: side,
          startupOrgId: startup.orgId,
          investorProfileId: investor.id,
          requestedByUserId: userId,
          message,
          status: 'requested',
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: intros.id })
      if (!intro) throw new Error('intro not stored')
      await tx.insert(introEvents).values({
        introId: intro.id,
        action: 'request',
        fromStatus: null,
        toStatus: 'requested',
        actorUserId: userId,
        at,
      })
      await touchProfiles(tx, startup.orgId, investor.id)
      await notifyParty(tx, {
        ...partyOf(other(side), startup.orgId, investor),
        kind: 'intro.requested',
        params: { name: side === 'startup' ? startup.name : investor.displayName },
        link: introLink(intro.id),
      })
      return intro
    })
  } catch (error) {
    // Two requests for one pair at the same instant: the open-request index decides.
    if (isUniqueViolation(error)) throw new UserError('intros:refusals.open')
    throw error
  }
}

/** The intro with both sides, locked, and which side(s) the person speaks for. */
async function loadForAction(tx: Tx, introId: string, userId: string) {
  if (!isUuid(introId)) throw notFound()
  const intro = await tx
    .select()
    .from(intros)
    .where(eq(intros.id, introId))
    .for('update')
    .then((r) => r[0])
  if (!intro) throw notFound()
  const investor = await investorById(tx, intro.investorProfileId)
  const startup = await startupById(tx, intro.startupOrgId)
  if (!investor || !startup) throw notFound()
  const onInvestor = await actsForInvestor(tx, investor, userId)
  const onStartup = await actsForStartup(tx, startup.orgId, userId)
  if (!onInvestor && !onStartup) throw notFound()
  const recipientSide = other(intro.fromSide)
  const isRecipient = recipientSide === 'investor' ? onInvestor : onStartup
  const isSender = intro.fromSide === 'investor' ? onInvestor : onStartup
  return { intro, investor, startup, isRecipient, isSender }
}

async function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db().transaction(work)
  } catch (error) {
    if (error instanceof TransitionError) throw new UserError('intros:errors.notNow')
    throw error
  }
}

/** The recipient side accepts: the thread opens and the contacts are shown to both sides. */
export async function acceptIntro(input: { introId: string; userId: string }) {
  return inTransaction(async (tx) => {
    const { intro, investor, startup, isRecipient } = await loadForAction(
      tx,
      input.introId,
      input.userId,
    )
    if (!isRecipient) throw new UserError('intros:errors.notRecipient')
    if (intro.status !== 'requested') throw new UserError('intros:errors.notNow')
    const thread = await createThread(tx, {
      subject: `${startup.name} × ${investor.displayName}`,
      subjectKind: 'intro',
      subjectId: intro.id,
      participantIds: await peopleOfBothSides(tx, startup.orgId, investor),
    })
    await moveIntro(tx, {
      introId: intro.id,
      action: 'accept',
      actorRoles: ['recipient'],
      actorUserId: input.userId,
      set: { decidedByUserId: input.userId, decidedAt: now(), threadId: thread.id },
    })
    await touchProfiles(tx, startup.orgId, investor.id)
    await notifyParty(tx, {
      userId: intro.requestedByUserId,
      kind: 'intro.accepted',
      params: { name: intro.fromSide === 'startup' ? investor.displayName : startup.name },
      link: introLink(intro.id),
    })
    return { threadId: thread.id }
  })
}

export async function declineIntro(input: { introId: string; userId: string; reason?: string }) {
  const reason = input.reason?.trim() || null
  return inTransaction(async (tx) => {
    const { intro, investor, startup, isRecipient } = await loadForAction(
      tx,
      input.introId,
      input.userId,
    )
    if (!isRecipient) throw new UserError('intros:errors.notRecipient')
    if (intro.status !== 'requested') throw new UserError('intros:errors.notNow')
    await moveIntro(tx, {
      introId: intro.id,
      action: 'decline',
      actorRoles: ['recipient'],
      actorUserId: input.userId,
      note: reason,
      set: { decidedByUserId: input.userId, decidedAt: now(), declineReason: reason },
    })
    await touchProfiles(tx, startup.orgId, investor.id)
    await notifyParty(tx, {
      userId: intro.requestedByUserId,
      kind: 'intro.declined',
      params: { name: intro.fromSide === 'startup' ? investor.displayName : startup.name },
      link: introLink(intro.id),
    })
  })
}

/** The sending side takes back a request not yet answered. */
export async function withdrawIntro(input: { introId: string; userId: string }) {
  return inTransaction(async (tx) => {
    const { intro, investor, startup, isSender } = await loadForAction(
      tx,
      input.introId,
      input.userId,
    )
    if (!isSender) throw new UserError('intros:errors.notSender')
    if (intro.status !== 'requested') throw new UserError('intros:errors.notNow')
    await moveIntro(tx, {
      introId: intro.id,
      action: 'withdraw',
      actorRoles: ['sender'],
      actorUserId: input.userId,
    })
    await touchProfiles(tx, startup.orgId, investor.id)
  })
}

export type IntroContacts = {
  investor: { name: string; email: string; phone: string }
  startup: { orgName: string; personName: string; personEmail: string }
}

export type IntroView = {
  id: string
  status: IntroStatus
  fromSide: IntroSide
  viewerSide: IntroSide
  message: string
  declineReason: string | null
  createdAt: string
  decidedAt: string | null
  blockedUntil: string | null
  startup: { name: string; slug: string }
  investor: { id: string; displayName: string; kind: 'individual' | 'institution' }
  requestedBy: string
  canDecide: boolean
  canWithdraw: boolean
  threadHref: string | null
  /** Only once accepted; null before, whoever asks. */
  contacts: IntroContacts | null
}

/** One intro for a person of either side; 404 for anyone else. */
export async function introView(introId: string, userId: string): Promise<IntroView> {
  const tx = db()
  if (!isUuid(introId)) throw notFound()
  const row = await tx
    .select({
      intro: intros,
      startupName: organisations.name,
      startupSlug: organisations.slug,
      requesterName: users.name,
    })
    .from(intros)
    .innerJoin(organisations, eq(organisations.id, intros.startupOrgId))
    .innerJoin(users, eq(users.id, intros.requestedByUserId))
    .where(eq(intros.id, introId))
    .then((r) => r[0])
  if (!row) throw notFound()
  const { intro } = row
  const investor = await investorById(tx, intro.investorProfileId)
  if (!investor) throw notFound()
  const onInvestor = await actsForInvestor(tx, investor, userId)
  const onStartup = await actsForStartup(tx, intro.startupOrgId, userId)
  if (!onInvestor && !onStartup) throw notFound()
  const viewerSide: IntroSide =
    onInvestor && onStartup ? other(intro.fromSide) : onInvestor ? 'investor' : 'startup'
  const isRecipient = viewerSide !== intro.fromSide
  const accepted = intro.status === 'accepted'
  let contacts: IntroContacts | null = null
  if (accepted) {
    // The startup side's person: who asked for it, or who accepted for it.
    const personId = intro.fromSide === 'startup' ? intro.requestedByUserId : intro.decidedByUserId
    const person = personId
      ? await tx
          .select({ name: users.name, email: users.email })
          .from(users)
          .where(eq(users.id, personId))
          .then((r) => r[0])
      : undefined
    contacts = {
      investor: {
        name: investor.displayName,
        email: investor.contactEmail,
        phone: investor.contactPhone,
      },
      startup: {
        orgName: row.startupName,
        personName: person?.name ?? '',
        personEmail: person?.email ?? '',
      },
    }
  }
  const blockedUntil =
    intro.status === 'declined' && intro.decidedAt
      ? new Date(intro.decidedAt.getTime() + INTRO_DECLINE_BLOCK_DAYS * DAY).toISOString()
      : null
  return {
    id: intro.id,
    status: intro.status,
    fromSide: intro.fromSide,
    viewerSide,
    message: intro.message,
    declineReason: intro.declineReason,
    createdAt: intro.createdAt.toISOString(),
    decidedAt: intro.decidedAt?.toISOString() ?? null,
    blockedUntil,
    startup: { name: row.startupName, slug: row.startupSlug },
    investor: { id: investor.id, displayName: investor.displayName, kind: investor.kind },
    requestedBy: row.requesterName,
    canDecide: isRecipient && intro.status === 'requested',
    canWithdraw: !isRecipient && intro.status === 'requested',
    threadHref: accepted && intro.threadId ? threadLink(intro.threadId) : null,
    contacts,
  }
}

export type IntroListItem = {
  id: string
  status: IntroStatus
  fromSide: IntroSide
  counterpart: string
  onBehalfOf: string
  createdAt: string
}

/** The intros of every side the person speaks for, split into received and sent. */
export async function listIntros(userId: string) {
  const tx = db()
  const [profiles, startups] = await Promise.all([
    profilesActedBy(tx, userId),
    tx
      .select({ orgId: startupProfiles.orgId })
      .from(startupProfiles)
      .innerJoin(orgMembers, eq(orgMembers.orgId, startupProfiles.orgId))
      .where(
        and(
          eq(orgMembers.userId, userId),
          isNull(orgMembers.leftAt),
          inArray(orgMembers.role, ['owner', 'admin']),
        ),
      ),
  ])
  const profileIds = profiles.map((p) => p.id)
  const orgIds = startups.map((s) => s.orgId)
  if (profileIds.length === 0 && orgIds.length === 0)
    return { received: [], sent: [], speaksFor: { investor: false, startup: false } }
  const rows = await tx
    .select({
      id: intros.id,
      status: intros.status,
      fromSide: intros.fromSide,
      startupOrgId: intros.startupOrgId,
      investorProfileId: intros.investorProfileId,
      startupName: organisations.name,
      investorName: investorProfiles.displayName,
      createdAt: intros.createdAt,
    })
    .from(intros)
    .innerJoin(organisations, eq(organisations.id, intros.startupOrgId))
    .innerJoin(investorProfiles, eq(investorProfiles.id, intros.investorProfileId))
    .where(
      or(
        profileIds.length ? inArray(intros.investorProfileId, profileIds) : sql`false`,
        orgIds.length ? inArray(intros.startupOrgId, orgIds) : sql`false`,
      ),
    )
    .orderBy(desc(intros.createdAt), desc(intros.id))
    .limit(200)
  const received: IntroListItem[] = []
  const sent: IntroListItem[] = []
  for (const r of rows) {
    const onInvestor = profileIds.includes(r.investorProfileId)
    const onStartup = orgIds.includes(r.startupOrgId)
    const recipient = other(r.fromSide)
    const isRecipient = recipient === 'investor' ? onInvestor : onStartup
    const mySide: IntroSide = isRecipient ? recipient : r.fromSide
    const item: IntroListItem = {
      id: r.id,
      status: r.status,
      fromSide: r.fromSide,
      counterpart: mySide === 'investor' ? r.startupName : r.investorName,
      onBehalfOf: mySide === 'investor' ? r.investorName : r.startupName,
      createdAt: r.createdAt.toISOString(),
    }
    ;(isRecipient ? received : sent).push(item)
  }
  return {
    received,
    sent,
    speaksFor: { investor: profileIds.length > 0, startup: orgIds.length > 0 },
  }
}
