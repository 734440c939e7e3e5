// What a space's members do across the marketplaces, for the space's admins: bids won, equipment
// bookings, money raised, mentor sessions and event attendance. A member acts as an organisation
// (a startup: what it did acting for that organisation) or as a person (a maker: what they did
// acting alone). Figures cover the member's whole record on the platform, not only the time
// since admission: the operator looks at whom it incubates.
//
// Definitions (the page's help text states the same):
// - bids won: challenge_bids with status `awarded` by the member (a lapsed award is not a win);
// - bookings: equipment_bookings made by the member; completed = status completed or reviewed;
// - money raised: commitments collected (status collected or completed: the money is in, not
//   merely promised) for campaigns of the member organisation, in fen.
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { db } from '../../../db/client.server.ts'
import {
  campaigns,
  challengeBids,
  challenges,
  commitments,
  equipmentBookings,
  equipmentListings,
  eventRegistrations,
  mentorSessions,
  organisations,
  spaceEvents,
  spaceMembershipEvents,
  spaceMemberships,
  spaceMentors,
  spaces,
  users,
} from '../../../db/schema/index.ts'

/** Commitment states whose money has been collected. */
export const collectedCommitmentStates = ['collected', 'completed'] as const
/** Booking states of a booking that was carried out. */
export const completedBookingStates = ['completed', 'reviewed'] as const

export type MemberActivityFigures = {
  bidsWon: number
  bookingsCompleted: number
  bookingsAll: number
  raisedFen: number
}

type Party = { orgId: string | null; userId: string | null }

/** `column` belongs to the member: the organisation, or the person acting alone. */
function byMember(party: Party, orgColumn: AnyPgColumn, userColumn: AnyPgColumn): SQL {
  if (party.orgId) return sql`${orgColumn} = ${party.orgId}`
  return sql`${userColumn} = ${party.userId} and ${orgColumn} is null`
}

/** The three figures for every membership (active and ended) of a space, by membership id. */
export async function membersActivity(
  spaceId: string,
): Promise<Record<string, MemberActivityFigures>> {
  // A row belongs to the member: the organisation, or the person when acting alone.
  const mine = (orgColumn: string, userColumn: string) =>
    sql.raw(
      `((m.member_org_id is not null and ${orgColumn} = m.member_org_id) or (m.member_org_id is null and ${userColumn} = m.member_user_id and ${orgColumn} is null))`,
    )
  const rows = await db().execute<{
    id: string
    bids_won: number
    bookings_all: number
    bookings_completed: number
    raised_fen: string
  }>(sql`
    select m.id,
      (select count(*)::int from ${challengeBids} b
        where b.status = 'awarded' and ${mine('b.bidder_org_id', 'b.bidder_user_id')}) as bids_won,
      (select count(*)::int from ${equipmentBookings} k
        where ${mine('k.booker_org_id', 'k.booker_user_id')}) as bookings_all,
      (select count(*)::int from ${equipmentBookings} k
        where k.status in ('completed', 'reviewed')
          and ${mine('k.booker_org_id', 'k.booker_user_id')}) as bookings_completed,
      (select coalesce(sum(c.amount_fen), 0)::bigint from ${commitments} c
        join ${campaigns} p on p.id = c.campaign_id
        where c.status in ('collected', 'completed') and p.org_id = m.member_org_id) as raised_fen
    from ${spaceMemberships} m
    where m.space_id = ${spaceId}
  `)
  return Object.fromEntries(
    [...rows].map((r) => [
      r.id,
      {
        bidsWon: Number(r.bids_won),
        bookingsAll: Number(r.bookings_all),
        bookingsCompleted: Number(r.bookings_completed),
        raisedFen: Number(r.raised_fen),
      },
    ]),
  )
}

/** One membership of a space with its member, or undefined. */
export async function membershipOfSpace(spaceId: string, membershipId: string) {
  return db()
    .select({
      membership: spaceMemberships,
      orgName: organisations.name,
      orgNameEn: organisations.nameEn,
      orgSlug: organisations.slug,
      personName: users.name,
    })
    .from(spaceMemberships)
    .leftJoin(organisations, eq(organisations.id, spaceMemberships.memberOrgId))
    .leftJoin(users, eq(users.id, spaceMemberships.memberUserId))
    .where(and(eq(spaceMemberships.id, membershipId), eq(spaceMemberships.spaceId, spaceId)))
    .then((r) => r[0])
}

/** Everything one member did, listed, with the membership's history: the detail page's data. */
export async function memberActivity(membershipId: string) {
  const membership = await db()
    .select()
    .from(spaceMemberships)
    .where(eq(spaceMemberships.id, membershipId))
    .then((r) => r[0])
  if (!membership) return undefined
  const party: Party = { orgId: membership.memberOrgId, userId: membership.memberUserId }
  const [bids, bookings, raised, sessions, registrations, history] = await Promise.all([
    db()
      .select({
        id: challengeBids.id,
        status: challengeBids.status,
        priceFen: challengeBids.priceFen,
        challengeSlug: challenges.slug,
        challengeTitle: challenges.title,
        challengeStatus: challenges.status,
        at: challengeBids.updatedAt,
      })
      .from(challengeBids)
      .innerJoin(challenges, eq(challenges.id, challengeBids.challengeId))
      .where(
        and(
          eq(challengeBids.status, 'awarded'),
          byMember(party, challengeBids.bidderOrgId, challengeBids.bidderUserId),
        ),
      )
      .orderBy(desc(challengeBids.updatedAt)),
    db()
      .select({
        id: equipmentBookings.id,
        status: equipmentBookings.status,
        startsAt: equipmentBookings.startsAt,
        listingSlug: equipmentListings.slug,
        listingName: equipmentListings.name,
      })
      .from(equipmentBookings)
      .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
      .where(byMember(party, equipmentBookings.bookerOrgId, equipmentBookings.bookerUserId))
      .orderBy(desc(equipmentBookings.startsAt)),
    party.orgId
      ? db()
          .select({
            id: campaigns.id,
            slug: campaigns.slug,
            title: campaigns.title,
            status: campaigns.status,
            targetFen: campaigns.targetFen,
            collectedFen: sql<number>`coalesce(sum(${commitments.amountFen}) filter (where ${inArray(commitments.status, [...collectedCommitmentStates])}), 0)::bigint`,
          })
          .from(campaigns)
          .leftJoin(commitments, eq(commitments.campaignId, campaigns.id))
          .where(and(eq(campaigns.orgId, party.orgId), sql`${campaigns.status} <> 'draft'`))
          .groupBy(campaigns.id)
          .orderBy(desc(campaigns.createdAt))
      : Promise.resolve([]),
    db()
      .select({
        id: mentorSessions.id,
        topic: mentorSessions.topic,
        status: mentorSessions.status,
        scheduledAt: mentorSessions.scheduledAt,
        heldAt: mentorSessions.heldAt,
        durationMinutes: mentorSessions.durationMinutes,
        createdAt: mentorSessions.createdAt,
        mentorName: users.name,
      })
      .from(mentorSessions)
      .innerJoin(spaceMentors, eq(spaceMentors.id, mentorSessions.mentorId))
      .innerJoin(users, eq(users.id, spaceMentors.userId))
      .where(eq(mentorSessions.membershipId, membershipId))
      .orderBy(desc(mentorSessions.createdAt)),
    db()
      .select({
        id: eventRegistrations.id,
        status: eventRegistrations.status,
        eventId: spaceEvents.id,
        title: spaceEvents.title,
        kind: spaceEvents.kind,
        startsAt: spaceEvents.startsAt,
        spaceName: spaces.name,
      })
      .from(eventRegistrations)
      .innerJoin(spaceEvents, eq(spaceEvents.id, eventRegistrations.eventId))
      .innerJoin(spaces, eq(spaces.id, spaceEvents.spaceId))
      .where(
        and(
          party.orgId
            ? eq(eventRegistrations.orgId, party.orgId)
            : and(
                eq(eventRegistrations.userId, party.userId ?? ''),
                isNull(eventRegistrations.orgId),
              ),
          sql`${eventRegistrations.status} <> 'cancelled'`,
        ),
      )
      .orderBy(desc(spaceEvents.startsAt)),
    db()
      .select()
      .from(spaceMembershipEvents)
      .where(eq(spaceMembershipEvents.membershipId, membershipId))
      .orderBy(asc(spaceMembershipEvents.at)),
  ])
  const campaignRows = raised.map((c) => ({ ...c, collectedFen: Number(c.collectedFen) }))
  return {
    membership,
    bids,
    bookings,
    campaigns: campaignRows,
    sessions,
    registrations,
    history,
    figures: {
      bidsWon: bids.length,
      bookingsAll: bookings.length,
      bookingsCompleted: bookings.filter((b) =>
        (completedBookingStates as readonly string[]).includes(b.status),
      ).length,
      raisedFen: campaignRows.reduce((s, c) => s + c.collectedFen, 0),
      sessionsHeld: sessions.filter((s) => s.status === 'held').length,
      eventsAttended: registrations.filter((r) => r.status === 'attended').length,
    } satisfies MemberActivityFigures & { sessionsHeld: number; eventsAttended: number },
  }
}
