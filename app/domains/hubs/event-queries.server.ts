// Reads of space events for pages and for other modules: the calendar across spaces, a space's
// upcoming and past events, one event as a visitor, a registrant or an admin sees it, and a
// person's registrations. The online link is given only to people holding a live registration.
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import {
  campaigns,
  eventInvitations,
  eventPresenters,
  eventRegistrations,
  investorProfiles,
  organisations,
  spaceEvents,
  spaceMemberships,
  spaces,
  startupProfiles,
  users,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { profilesActedBy } from '../deals/investor-standing.server.ts'
import {
  membersOnlyRefusal,
  registrationClosedReason,
  waitlistPosition,
  waitlistPositions,
} from './event-registrations.server.ts'
import type { EventKind } from './hub.machine.ts'

// Qualified by hand: drizzle leaves a column unqualified in a one-table select, and inside the
// subquery an unqualified "id" would be the registration's own.
const seated = sql<number>`(select count(*)::int from ${eventRegistrations} r where r.event_id = "space_events"."id" and r.status in ('registered', 'attended'))`
const waiting = sql<number>`(select count(*)::int from ${eventRegistrations} r where r.event_id = "space_events"."id" and r.status = 'waitlisted')`

const cardColumns = {
  id: spaceEvents.id,
  kind: spaceEvents.kind,
  title: spaceEvents.title,
  summary: spaceEvents.summary,
  startsAt: spaceEvents.startsAt,
  endsAt: spaceEvents.endsAt,
  place: spaceEvents.place,
  online: sql<boolean>`${spaceEvents.onlineUrl} is not null`,
  capacity: spaceEvents.capacity,
  audience: spaceEvents.audience,
  status: spaceEvents.status,
  seatsTaken: seated,
  waitlisted: waiting,
}

export type EventCard = Awaited<ReturnType<typeof upcomingSpaceEvents>>[number]

/** The space's published events that have not ended yet, soonest first: for the space page. */
export async function upcomingSpaceEvents(spaceId: string, limit: number) {
  return db()
    .select(cardColumns)
    .from(spaceEvents)
    .where(
      and(
        eq(spaceEvents.spaceId, spaceId),
        eq(spaceEvents.status, 'published'),
        gt(spaceEvents.endsAt, now()),
      ),
    )
    .orderBy(asc(spaceEvents.startsAt))
    .limit(limit)
}

/** Published events of every space that have not ended, soonest first, optionally filtered. */
export async function upcomingEvents(filter: { kind?: EventKind; spaceSlug?: string }) {
  return db()
    .select({
      ...cardColumns,
      spaceSlug: spaces.slug,
      spaceName: spaces.name,
      spaceNameEn: spaces.nameEn,
    })
    .from(spaceEvents)
    .innerJoin(spaces, eq(spaces.id, spaceEvents.spaceId))
    .where(
      and(
        eq(spaceEvents.status, 'published'),
        gt(spaceEvents.endsAt, now()),
        filter.kind ? eq(spaceEvents.kind, filter.kind) : undefined,
        filter.spaceSlug ? eq(spaces.slug, filter.spaceSlug) : undefined,
      ),
    )
    .orderBy(asc(spaceEvents.startsAt))
    .limit(200)
}

/** Spaces that have an upcoming published event: the filter's choices. */
export async function spacesWithUpcomingEvents() {
  return db()
    .selectDistinct({ slug: spaces.slug, name: spaces.name })
    .from(spaces)
    .innerJoin(spaceEvents, eq(spaceEvents.spaceId, spaces.id))
    .where(and(eq(spaceEvents.status, 'published'), gt(spaceEvents.endsAt, now())))
    .orderBy(asc(spaces.name))
}

/**
 * A space's events split into upcoming and past. Drafts are included only for its admins;
 * cancelled events show among the past so a visitor who saw one announced learns its fate.
 */
export async function spaceEventsOverview(spaceId: string, options: { withDrafts: boolean }) {
  const rows = await db()
    .select(cardColumns)
    .from(spaceEvents)
    .where(
      and(
        eq(spaceEvents.spaceId, spaceId),
        options.withDrafts
          ? undefined
          : inArray(spaceEvents.status, ['published', 'held', 'cancelled']),
      ),
    )
    .orderBy(asc(spaceEvents.startsAt))
  const at = now().getTime()
  const upcoming = rows.filter(
    (r) => (r.status === 'published' || r.status === 'draft') && r.endsAt.getTime() > at,
  )
  const past = rows
    .filter((r) => !upcoming.includes(r))
    .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())
    .slice(0, 50)
  return { upcoming, past }
}

/** An event with its space and the operator organisation: what a route checks permission on. */
export async function eventWithSpace(eventId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(eventId)) return undefined
  return db()
    .select({
      event: spaceEvents,
      space: {
        id: spaces.id,
        slug: spaces.slug,
        name: spaces.name,
        operatorOrgId: spaces.operatorOrgId,
      },
    })
    .from(spaceEvents)
    .innerJoin(spaces, eq(spaces.id, spaceEvents.spaceId))
    .where(eq(spaceEvents.id, eventId))
    .then((r) => r[0])
}

async function presentersOf(eventId: string) {
  const rows = await db()
    .select({
      id: eventPresenters.id,
      position: eventPresenters.position,
      pitchTitle: eventPresenters.pitchTitle,
      orgId: organisations.id,
      orgName: organisations.name,
      orgSlug: organisations.slug,
      hasProfile: sql<boolean>`${startupProfiles.orgId} is not null`,
      campaignSlug: campaigns.slug,
      campaignTitle: campaigns.title,
      campaignStatus: campaigns.status,
    })
    .from(eventPresenters)
    .innerJoin(organisations, eq(organisations.id, eventPresenters.orgId))
    .leftJoin(startupProfiles, eq(startupProfiles.orgId, eventPresenters.orgId))
    .leftJoin(campaigns, eq(campaigns.id, eventPresenters.campaignId))
    .where(eq(eventPresenters.eventId, eventId))
    .orderBy(asc(eventPresenters.position), asc(eventPresenters.createdAt))
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    pitchTitle: r.pitchTitle,
    orgId: r.orgId,
    orgName: r.orgName,
    orgSlug: r.hasProfile ? r.orgSlug : null,
    // A campaign is linked while it is live; a closed one no longer takes commitments.
    campaign:
      r.campaignSlug && r.campaignStatus === 'live'
        ? { slug: r.campaignSlug, title: r.campaignTitle ?? '' }
        : null,
  }))
}

async function invitationsOf(eventId: string, options: { publicOnly: boolean }) {
  return db()
    .select({
      profileId: investorProfiles.id,
      name: investorProfiles.displayName,
      kind: investorProfiles.kind,
      visibility: investorProfiles.visibility,
    })
    .from(eventInvitations)
    .innerJoin(investorProfiles, eq(investorProfiles.id, eventInvitations.investorProfileId))
    .where(
      and(
        eq(eventInvitations.eventId, eventId),
        options.publicOnly ? eq(investorProfiles.visibility, 'public') : undefined,
      ),
    )
    .orderBy(asc(eventInvitations.invitedAt))
}

export type Viewer = { userId: string; actingOrgId: string | null; actingOrgName: string | null }

/** One event as the viewer may see it; undefined when it does not exist or is a draft they may not see. */
export async function eventPage(eventId: string, viewer: Viewer | null, isAdmin: boolean) {
  const found = await eventWithSpace(eventId)
  if (!found) return undefined
  const { event, space } = found
  if (event.status === 'draft' && !isAdmin) return undefined
  const [presenters, invited, counts, mine] = await Promise.all([
    presentersOf(event.id),
    invitationsOf(event.id, { publicOnly: true }),
    db()
      .select({ seatsTaken: seated, waitlisted: waiting })
      .from(spaceEvents)
      .where(eq(spaceEvents.id, event.id))
      .then((r) => r[0] ?? { seatsTaken: 0, waitlisted: 0 }),
    viewer
      ? db()
          .select({ registration: eventRegistrations, orgName: organisations.name })
          .from(eventRegistrations)
          .leftJoin(organisations, eq(organisations.id, eventRegistrations.orgId))
          .where(
            and(
              eq(eventRegistrations.eventId, event.id),
              eq(eventRegistrations.userId, viewer.userId),
            ),
          )
          .orderBy(desc(eventRegistrations.createdAt))
          .limit(1)
          .then((r) => r[0])
      : undefined,
  ])
  const live = mine && mine.registration.status !== 'cancelled' ? mine.registration : null
  const position = live?.status === 'waitlisted' ? await waitlistPosition(db(), live) : null
  const closed = registrationClosedReason(event)
  let refusal: string | null = closed
  if (!refusal && viewer && event.audience === 'members') {
    // Shown before the person tries: whether they as themselves, or their acting organisation, may register.
    const asPerson = await membersOnlyRefusal(db(), event, viewer.userId, null)
    const asOrg = viewer.actingOrgId
      ? await membersOnlyRefusal(db(), event, viewer.userId, viewer.actingOrgId)
      : asPerson
    refusal = asPerson && asOrg ? asPerson : null
  }
  const actsFor = viewer
    ? await profilesActedBy(db(), viewer.userId).then((ps) => ps.map((p) => p.id))
    : []
  const youAreInvited =
    actsFor.length > 0 &&
    (await invitationsOf(event.id, { publicOnly: false })).some((i) =>
      actsFor.includes(i.profileId),
    )
  return {
    event: {
      id: event.id,
      kind: event.kind,
      title: event.title,
      summary: event.summary,
      description: event.description,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      place: event.place,
      hasOnline: event.onlineUrl !== null,
      // The link is the door to an online room: only people holding a seat, and the hosts.
      onlineUrl:
        isAdmin || (live && (live.status === 'registered' || live.status === 'attended'))
          ? event.onlineUrl
          : null,
      capacity: event.capacity,
      audience: event.audience,
      registrationClosesAt: event.registrationClosesAt,
      status: event.status,
      cancelReason: event.cancelReason,
      seatsLeft: Math.max(0, event.capacity - counts.seatsTaken),
      seatsTaken: counts.seatsTaken,
      waitlisted: counts.waitlisted,
    },
    space,
    presenters,
    invited: invited.map((i) => ({ profileId: i.profileId, name: i.name, kind: i.kind })),
    youAreInvited,
    mine: live
      ? {
          status: live.status,
          checkInCode: live.checkInCode,
          position,
          orgName: mine?.orgName ?? null,
          registeredAt: live.createdAt,
        }
      : null,
    refusal,
  }
}

/** The registrations of one event for its admins: seated first, then the waiting list in order. */
export async function eventRegistrationsTable(eventId: string) {
  const rows = await db()
    .select({
      id: eventRegistrations.id,
      status: eventRegistrations.status,
      checkInCode: eventRegistrations.checkInCode,
      checkedInAt: eventRegistrations.checkedInAt,
      createdAt: eventRegistrations.createdAt,
      name: users.name,
      email: users.email,
      orgName: organisations.name,
    })
    .from(eventRegistrations)
    .innerJoin(users, eq(users.id, eventRegistrations.userId))
    .leftJoin(organisations, eq(organisations.id, eventRegistrations.orgId))
    .where(eq(eventRegistrations.eventId, eventId))
    .orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id))
  let n = 0
  const withPositions = rows.map((r) => ({
    ...r,
    position: r.status === 'waitlisted' ? ++n : null,
  }))
  const rank = { attended: 0, registered: 1, waitlisted: 2, cancelled: 3 } as const
  return withPositions.sort((a, b) => rank[a.status] - rank[b.status])
}

/** What an admin arranges a roadshow with: the running order, invitations, and the choices. */
export async function roadshowArrangement(eventId: string, spaceId: string) {
  const [presenters, invited, members] = await Promise.all([
    presentersOf(eventId),
    invitationsOf(eventId, { publicOnly: false }),
    db()
      .select({ orgId: organisations.id, name: organisations.name })
      .from(spaceMemberships)
      .innerJoin(organisations, eq(organisations.id, spaceMemberships.memberOrgId))
      .where(and(eq(spaceMemberships.spaceId, spaceId), eq(spaceMemberships.status, 'active')))
      .orderBy(asc(organisations.name)),
  ])
  const liveCampaigns =
    members.length === 0
      ? []
      : await db()
          .select({ id: campaigns.id, orgId: campaigns.orgId, title: campaigns.title })
          .from(campaigns)
          .where(
            and(
              inArray(
                campaigns.orgId,
                members.map((m) => m.orgId),
              ),
              eq(campaigns.status, 'live'),
            ),
          )
  const presenting = new Set(presenters.map((p) => p.orgId))
  return {
    presenters,
    invited,
    candidates: members
      .filter((m) => !presenting.has(m.orgId))
      .map((m) => ({
        orgId: m.orgId,
        name: m.name,
        campaigns: liveCampaigns
          .filter((c) => c.orgId === m.orgId)
          .map((c) => ({ id: c.id, title: c.title })),
      })),
  }
}

/** A person's registrations: those of events still ahead first, then the rest, newest first. */
export async function myRegistrations(userId: string) {
  const rows = await db()
    .select({
      registration: eventRegistrations,
      event: {
        id: spaceEvents.id,
        title: spaceEvents.title,
        kind: spaceEvents.kind,
        startsAt: spaceEvents.startsAt,
        endsAt: spaceEvents.endsAt,
        status: spaceEvents.status,
        place: spaceEvents.place,
      },
      spaceName: spaces.name,
      orgName: organisations.name,
    })
    .from(eventRegistrations)
    .innerJoin(spaceEvents, eq(spaceEvents.id, eventRegistrations.eventId))
    .innerJoin(spaces, eq(spaces.id, spaceEvents.spaceId))
    .leftJoin(organisations, eq(organisations.id, eventRegistrations.orgId))
    .where(eq(eventRegistrations.userId, userId))
    .orderBy(desc(spaceEvents.startsAt))
  const at = now().getTime()
  const positions = await waitlistPositions(
    db(),
    rows.map((r) => r.registration),
  )
  const items = rows.map((r) => ({
    id: r.registration.id,
    status: r.registration.status,
    checkInCode: r.registration.checkInCode,
    position:
      r.registration.status === 'waitlisted' ? (positions.get(r.registration.id) ?? null) : null,
    orgName: r.orgName,
    spaceName: r.spaceName,
    event: r.event,
  }))
  const upcoming = items
    .filter(
      (i) =>
        i.event.endsAt.getTime() > at && i.event.status === 'published' && i.status !== 'cancelled',
    )
    .reverse()
  const past = items.filter((i) => !upcoming.includes(i))
  return { upcoming, past }
}

/** Events as a calendar file carries them (drafts never leave the space). */
export async function calendarEventsOfSpace(spaceId: string) {
  return db()
    .select({
      id: spaceEvents.id,
      title: spaceEvents.title,
      summary: spaceEvents.summary,
      description: spaceEvents.description,
      startsAt: spaceEvents.startsAt,
      endsAt: spaceEvents.endsAt,
      place: spaceEvents.place,
      status: spaceEvents.status,
      updatedAt: spaceEvents.updatedAt,
      spaceName: spaces.name,
    })
    .from(spaceEvents)
    .innerJoin(spaces, eq(spaces.id, spaceEvents.spaceId))
    .where(
      and(
        eq(spaceEvents.spaceId, spaceId),
        inArray(spaceEvents.status, ['published', 'held', 'cancelled']),
        // A year back is enough for any calendar; older events only weigh the feed down.
        gt(spaceEvents.endsAt, new Date(now().getTime() - 365 * 86_400_000)),
      ),
    )
    .orderBy(asc(spaceEvents.startsAt))
}
