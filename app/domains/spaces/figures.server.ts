// The operator's figures (统计监测): every figure a space reports, each defined once here as a
// formula over named tables, computed month by month (Beijing calendar months) for one space or
// for all spaces together. The dashboard, its CSV, the printable report, the platform view and
// the public space page all read this module, so a figure means the same thing everywhere.
//
// Conventions every formula follows:
// - A month is a Beijing calendar month; its days run from the 1st to the last day inclusive,
//   and its instants from 00:00 Beijing time on the 1st to 00:00 on the 1st of the next month.
// - A membership is active on day d when admitted_on ≤ d and (ended_on is null or d ≤ ended_on):
//   the day a member graduates, leaves or closes still counts as a day of membership.
// - A figure "at the month's end" is read on the month's last day, or today for this month.
// - What happened at an instant (a publication, an award, a collection) counts in the month of
//   its Beijing date, and "a member that day" means a membership active on that Beijing date.
// - The period's total is the same formula over the whole period, never a sum of months: an
//   organisation served in three months is one organisation served in the quarter.
// - All spaces together (the platform view) counts each organisation, person, challenge or
//   instrument once, however many spaces it belongs to.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import {
  equipmentBookings,
  equipmentListings,
  organisations,
  spaceMemberships,
  spaces,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { shanghaiToday } from '../../shanghai-time.server.ts'
import { utilisedStatuses } from '../equipment/dashboard.server.ts'
import { openingOn } from '../equipment/reserve-slot.server.ts'
import {
  localDatesBetween,
  localMidnight,
  openIntervalsOf,
  utilisation,
  type Interval,
} from '../equipment/utilisation.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import { defaultPeriod, monthsBetween, periodSchema } from './figures.schema.ts'
import { stages } from './membership.machine.ts'

export type FigureUnit = 'count' | 'ratio' | 'fen' | 'hours'
export const figureGroups = ['members', 'challenges', 'equipment', 'money', 'events'] as const
export type FigureGroup = (typeof figureGroups)[number]

export const figureIds = [
  'startupsServed',
  'makersServed',
  'membersByStage',
  'survival12',
  'survival24',
  'challengesPosted',
  'challengesAwarded',
  'awardValue',
  'utilisation',
  'bookings',
  'vouchersRedeemed',
  'voucherValue',
  'moneyRaised',
  'eventsHeld',
  'registrations',
  'attendance',
  'mentorSessions',
] as const
export type FigureId = (typeof figureIds)[number]

export type FigureDefinition = {
  id: FigureId
  group: FigureGroup
  unit: FigureUnit
  /** `figures:` catalogue keys of the figure's name and of its formula in words. */
  nameKey: string
  formulaKey: string
  /** The tables the formula reads. */
  tables: readonly string[]
  /** The parts shown beside the value (a ratio's numerator and denominator…), with their units. */
  components: readonly { id: string; unit: FigureUnit }[]
}

const def = (
  id: FigureId,
  group: FigureGroup,
  unit: FigureUnit,
  tables: readonly string[],
  components: FigureDefinition['components'] = [],
): FigureDefinition => ({
  id,
  group,
  unit,
  nameKey: `figures:figure.${id}.name`,
  formulaKey: `figures:figure.${id}.formula`,
  tables,
  components,
})

const membershipTables = ['space_memberships']
const spaceOrgTables = ['spaces', 'space_memberships']

export const figureDefinitions: readonly FigureDefinition[] = [
  def('startupsServed', 'members', 'count', membershipTables),
  def('makersServed', 'members', 'count', membershipTables),
  def(
    'membersByStage',
    'members',
    'count',
    ['space_memberships', 'space_membership_events'],
    stages.map((s) => ({ id: s, unit: 'count' as const })),
  ),
  def(
    'survival12',
    'members',
    'ratio',
    ['space_memberships', 'space_membership_events'],
    [
      { id: 'surviving', unit: 'count' },
      { id: 'base', unit: 'count' },
    ],
  ),
  def(
    'survival24',
    'members',
    'ratio',
    ['space_memberships', 'space_membership_events'],
    [
      { id: 'surviving', unit: 'count' },
      { id: 'base', unit: 'count' },
    ],
  ),
  def('challengesPosted', 'challenges', 'count', [
    'challenges',
    'challenge_events',
    ...spaceOrgTables,
  ]),
  def('challengesAwarded', 'challenges', 'count', [
    'challenges',
    'challenge_events',
    'challenge_bids',
    'challenge_bid_events',
    ...spaceOrgTables,
  ]),
  def('awardValue', 'challenges', 'fen', [
    'challenges',
    'challenge_events',
    'challenge_bids',
    'challenge_bid_events',
    ...spaceOrgTables,
  ]),
  def(
    'utilisation',
    'equipment',
    'ratio',
    ['equipment_listings', 'equipment_bookings', ...spaceOrgTables],
    [
      { id: 'bookedHours', unit: 'hours' },
      { id: 'openHours', unit: 'hours' },
    ],
  ),
  def('bookings', 'equipment', 'count', [
    'equipment_bookings',
    'equipment_listings',
    ...spaceOrgTables,
  ]),
  def('vouchersRedeemed', 'equipment', 'count', [
    'voucher_uses',
    'voucher_use_events',
    'equipment_bookings',
    'equipment_listings',
    ...spaceOrgTables,
  ]),
  def('voucherValue', 'equipment', 'fen', [
    'voucher_uses',
    'voucher_use_events',
    'equipment_bookings',
    'equipment_listings',
    ...spaceOrgTables,
  ]),
  def(
    'moneyRaised',
    'money',
    'fen',
    ['commitments', 'commitment_events', 'campaigns', 'space_memberships'],
    [
      { id: 'commitments', unit: 'count' },
      { id: 'startups', unit: 'count' },
    ],
  ),
  def('eventsHeld', 'events', 'count', ['space_events', 'space_event_status_events']),
  def(
    'registrations',
    'events',
    'count',
    ['event_registrations', 'space_events', 'space_event_status_events'],
    [
      { id: 'seated', unit: 'count' },
      { id: 'waitlisted', unit: 'count' },
    ],
  ),
  def('attendance', 'events', 'count', [
    'event_registrations',
    'space_events',
    'space_event_status_events',
  ]),
  def(
    'mentorSessions',
    'events',
    'count',
    ['mentor_sessions', 'space_mentors'],
    [{ id: 'hours', unit: 'hours' }],
  ),
]

export const figureDefinition = (id: FigureId): FigureDefinition => {
  const found = figureDefinitions.find((d) => d.id === id)
  if (!found) throw new Error(`unknown figure ${id}`)
  return found
}

export const isFigureId = (value: unknown): value is FigureId =>
  typeof value === 'string' && (figureIds as readonly string[]).includes(value)

/** One figure in one period: its value (null when undefined, e.g. a ratio over nothing) and parts. */
export type FigureValue = { value: number | null; components: Record<string, number> }
export type FigureMonth = FigureValue & { month: string }
export type SpaceFigures = {
  months: string[]
  /** Per figure, one entry per month in order. */
  byMonth: Record<FigureId, FigureMonth[]>
  /** Per figure, the same formula over the whole period. */
  total: Record<FigureId, FigureValue>
}

/** A stretch of Beijing days: a month, or the whole period. */
type Period = { key: string; startOn: string; endOn: string }

const TOTAL = 'total'
const DAY = 86_400_000

/** The month's last day: day 0 of the next month. */
const lastDayOf = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0))
    .toISOString()
    .slice(0, 10)

function periodsFor(months: readonly string[]): Period[] {
  const first = months[0]
  const last = months[months.length - 1]
  if (!first || !last) return []
  return [
    ...months.map((m) => ({ key: m, startOn: `${m}-01`, endOn: lastDayOf(m) })),
    { key: TOTAL, startOn: `${first}-01`, endOn: lastDayOf(last) },
  ]
}

/**
 * The periods as a SQL relation p(key, start_on, end_on, as_of, start_at, end_at): `as_of` is the
 * last day that has been, `start_at`/`end_at` the instants of its first and after its last day,
 * the end clipped to now.
 */
function periodsRelation(periods: readonly Period[], today: string, at: Date): SQL {
  const rows = sql.join(
    periods.map((p) => sql`(${p.key}::text, ${p.startOn}::date, ${p.endOn}::date)`),
    sql`, `,
  )
  return sql`(select v.key, v.start_on, v.end_on,
      least(v.end_on, ${today}::date) as as_of,
      (v.start_on::timestamp at time zone 'Asia/Shanghai') as start_at,
      least(((v.end_on + 1)::timestamp at time zone 'Asia/Shanghai'), ${at.toISOString()}::timestamptz) as end_at
    from (values ${rows}) as v(key, start_on, end_on))`
}

/** The Beijing date of an instant column. */
const beijingDate = (instant: SQL) => sql`(${instant} at time zone 'Asia/Shanghai')::date`

type Scope = { spaceId: string | null }

const inSpace = (scope: Scope, column: SQL) =>
  scope.spaceId ? sql`${column} = ${scope.spaceId}::uuid` : sql`true`

/** The organisation had a membership (in scope) active on the given date. */
const memberOn = (scope: Scope, org: SQL, date: SQL) => sql`exists (
  select 1 from space_memberships sm_
  where sm_.member_org_id = ${org} and ${inSpace(scope, sql`sm_.space_id`)}
    and sm_.admitted_on <= ${date} and (sm_.ended_on is null or sm_.ended_on >= ${date}))`

/** The organisation runs a space in scope, or was a member of one on the given date. */
const spaceOrgOn = (scope: Scope, org: SQL, date: SQL) => sql`(exists (
  select 1 from spaces s_ where s_.operator_org_id = ${org} and ${inSpace(scope, sql`s_.id`)})
  or ${memberOn(scope, org, date)})`

type Row = Record<string, unknown>
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v))

async function rowsOf(query: SQL): Promise<Row[]> {
  return (await db().execute(query)) as unknown as Row[]
}

/** Members: organisations and makers served, stages at the period's end, survival. */
async function memberFigures(scope: Scope, p: SQL) {
  const served = rowsOf(sql`
    select p.key,
      count(distinct m.member_org_id)::int as orgs,
      count(distinct m.member_user_id)::int as people
    from ${p} p
    left join space_memberships m
      on ${inSpace(scope, sql`m.space_id`)}
      and m.admitted_on <= p.as_of and (m.ended_on is null or m.ended_on >= p.start_on)
    group by p.key`)
  // The stage on a date is the to_stage of the membership's latest history row on or before it.
  const byStage = rowsOf(sql`
    select p.key, st.stage,
      count(distinct coalesce(m.member_org_id, m.member_user_id))::int as n
    from ${p} p
    join space_memberships m
      on ${inSpace(scope, sql`m.space_id`)}
      and m.admitted_on <= p.as_of and (m.ended_on is null or m.ended_on >= p.as_of)
    cross join lateral (
      select e.to_stage as stage from space_membership_events e
      where e.membership_id = m.id and e.on <= p.as_of
      order by e.on desc, e.at desc limit 1) st
    group by grouping sets ((p.key, st.stage), (p.key))`)
  // Each member organisation's first admission and the day it was marked closed, if it was.
  const survival = rowsOf(sql`
    with orgs as (
      select m.member_org_id as org, min(m.admitted_on) as first_on,
        min(e.on) filter (where e.to_status = 'closed') as closed_on
      from space_memberships m
      left join space_membership_events e on e.membership_id = m.id
      where m.member_org_id is not null and ${inSpace(scope, sql`m.space_id`)}
      group by m.member_org_id)
    select p.key,
      count(o.org) filter (where o.first_on <= (p.as_of - interval '12 months')::date)::int as base12,
      count(o.org) filter (where o.first_on <= (p.as_of - interval '12 months')::date
        and (o.closed_on is null or o.closed_on > p.as_of))::int as alive12,
      count(o.org) filter (where o.first_on <= (p.as_of - interval '24 months')::date)::int as base24,
      count(o.org) filter (where o.first_on <= (p.as_of - interval '24 months')::date
        and (o.closed_on is null or o.closed_on > p.as_of))::int as alive24
    from ${p} p left join orgs o on true
    group by p.key`)
  return Promise.all([served, byStage, survival])
}

/**
 * Challenges of the space: posted by its operator, or by an organisation that was a member on the
 * day the challenge was published (the publish row of challenge_events). Awards count on the day
 * of the bid's award (challenge_bid_events); an award that lapsed (never funded) is no award.
 */
async function challengeFigures(scope: Scope, p: SQL) {
  const posted = rowsOf(sql`
    select p.key, count(distinct c.id)::int as n
    from ${p} p
    join challenge_events ev on ev.action = 'publish' and ev.at >= p.start_at and ev.at < p.end_at
    join challenges c on c.id = ev.challenge_id
    where ${spaceOrgOn(scope, sql`c.org_id`, beijingDate(sql`ev.at`))}
    group by p.key`)
  const awarded = rowsOf(sql`
    select p.key, count(distinct c.id)::int as n,
      coalesce(sum(case when c.award_mode = 'fixed' then c.award_fen else b.price_fen end), 0)::bigint as fen
    from ${p} p
    join challenge_bid_events bev on bev.action = 'award' and bev.at >= p.start_at and bev.at < p.end_at
    join challenge_bids b on b.id = bev.bid_id and b.status <> 'lapsed'
    join challenges c on c.id = b.challenge_id
    where exists (
      select 1 from challenge_events pub
      where pub.challenge_id = c.id and pub.action = 'publish'
        and ${spaceOrgOn(scope, sql`c.org_id`, beijingDate(sql`pub.at`))})
    group by p.key`)
  return Promise.all([posted, awarded])
}

/**
 * Money raised by member startups: commitments collected (the commitment's `collect` row in
 * commitment_events) for campaigns of organisations that were members on that day. Committed
 * money is not raised money; a collection later released (the campaign failed after all) is
 * taken out of the month it was collected in.
 */
async function moneyFigures(scope: Scope, p: SQL) {
  return rowsOf(sql`
    select p.key, coalesce(sum(cm.amount_fen), 0)::bigint as fen,
      count(distinct cm.id)::int as commitments, count(distinct c.org_id)::int as startups
    from ${p} p
    join commitment_events ev on ev.action = 'collect' and ev.at >= p.start_at and ev.at < p.end_at
    join commitments cm on cm.id = ev.commitment_id and cm.status in ('collected', 'completed')
    join campaigns c on c.id = cm.campaign_id
    where ${memberOn(scope, sql`c.org_id`, beijingDate(sql`ev.at`))}
    group by p.key`)
}

/**
 * Events held: moved to `held` in the period (space_event_status_events). Their registrations are
 * those not cancelled (seated, attended, or still waiting), attendance those checked in. Mentor
 * sessions held: recorded as held, counted by when they took place (held_at).
 */
async function eventFigures(scope: Scope, p: SQL) {
  const events = rowsOf(sql`
    with held as (
      select distinct on (p.key, se.id) p.key, se.id
      from ${p} p
      join space_event_status_events ev on ev.to_status = 'held' and ev.at >= p.start_at and ev.at < p.end_at
      join space_events se on se.id = ev.event_id and se.status = 'held' and ${inSpace(scope, sql`se.space_id`)})
    select h.key, count(distinct h.id)::int as events,
      count(r.id) filter (where r.status in ('registered', 'attended'))::int as seated,
      count(r.id) filter (where r.status = 'waitlisted')::int as waitlisted,
      count(r.id) filter (where r.status = 'attended')::int as attended
    from held h left join event_registrations r on r.event_id = h.id
    group by h.key`)
  const mentoring = rowsOf(sql`
    select p.key, count(ms.id)::int as n, coalesce(sum(ms.duration_minutes), 0)::int as minutes
    from ${p} p
    join mentor_sessions ms on ms.status = 'held' and ms.held_at >= p.start_at and ms.held_at < p.end_at
    join space_mentors mt on mt.id = ms.mentor_id and ${inSpace(scope, sql`mt.space_id`)}
    group by p.key`)
  return Promise.all([events, mentoring])
}

type Membership = { orgId: string; admittedOn: string; endedOn: string | null }

/**
 * The space's instruments: listings of its operator and of organisations that were members on
 * some day of the period. Utilisation = booked hours ÷ open hours (app/domains/equipment/
 * utilisation.ts, as on the owner's dashboard): bookings that went ahead, timed ones only, each
 * clipped to the period; opening hours of the listing's weekly hours less blackout dates, from its
 * publication (listings now published only), up to now, times its units. Bookings count by
 * start; vouchers by the day the issuing agency reimbursed them.
 */
async function equipmentFigures(scope: Scope, periods: readonly Period[], at: Date) {
  const total = periods.find((p) => p.key === TOTAL)
  if (!total) return new Map<string, EquipmentPeriod>()
  const rangeStart = localMidnight(total.startOn)
  const rangeEnd = Math.min(localMidnight(total.endOn) + DAY, at.getTime())
  const operatorIds = (
    await db()
      .select({ id: spaces.operatorOrgId })
      .from(spaces)
      .where(scope.spaceId ? eq(spaces.id, scope.spaceId) : undefined)
  ).map((r) => r.id)
  const memberships: Membership[] = await db()
    .select({
      orgId: sql<string>`${spaceMemberships.memberOrgId}`,
      admittedOn: spaceMemberships.admittedOn,
      endedOn: spaceMemberships.endedOn,
    })
    .from(spaceMemberships)
    .where(
      and(
        sql`${spaceMemberships.memberOrgId} is not null`,
        scope.spaceId ? eq(spaceMemberships.spaceId, scope.spaceId) : undefined,
        sql`${spaceMemberships.admittedOn} <= ${total.endOn}::date`,
        sql`(${spaceMemberships.endedOn} is null or ${spaceMemberships.endedOn} >= ${total.startOn}::date)`,
      ),
    )
  const operators = new Set(operatorIds)
  const orgIds = [...new Set([...operatorIds, ...memberships.map((m) => m.orgId)])]
  const inScope = (orgId: string, startOn: string, endOn: string) =>
    operators.has(orgId) ||
    memberships.some(
      (m) =>
        m.orgId === orgId && m.admittedOn <= endOn && (m.endedOn === null || m.endedOn >= startOn),
    )
  const inScopeOn = (orgId: string, day: string) => inScope(orgId, day, day)

  const listings = orgIds.length
    ? await db().select().from(equipmentListings).where(inArray(equipmentListings.orgId, orgIds))
    : []
  const listingIds = listings.map((l) => l.id)
  const [bookingRows, voucherRows] = listingIds.length
    ? await Promise.all([
        db()
          .select({
            listingId: equipmentBookings.listingId,
            serviceMode: equipmentBookings.serviceMode,
            startsAt: equipmentBookings.startsAt,
            endsAt: equipmentBookings.endsAt,
          })
          .from(equipmentBookings)
          .where(
            and(
              inArray(equipmentBookings.listingId, listingIds),
              inArray(equipmentBookings.status, [...utilisedStatuses]),
              sql`${equipmentBookings.startsAt} < ${new Date(rangeEnd).toISOString()}::timestamptz`,
              sql`${equipmentBookings.endsAt} > ${new Date(rangeStart).toISOString()}::timestamptz`,
            ),
          ),
        rowsOf(sql`
          select b.listing_id, vu.amount_fen, extract(epoch from ev.at) * 1000 as at_ms
          from voucher_use_events ev
          join voucher_uses vu on vu.id = ev.voucher_use_id and vu.status = 'reimbursed'
          join equipment_bookings b on b.id = vu.booking_id
          where ev.to_status = 'reimbursed' and b.listing_id in (${sql.join(
            listingIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})
            and ev.at >= ${new Date(rangeStart).toISOString()}::timestamptz
            and ev.at < ${new Date(rangeEnd).toISOString()}::timestamptz`),
      ])
    : [[], []]

  const localDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)
  const out = new Map<string, EquipmentPeriod>()
  for (const period of periods) {
    const start = localMidnight(period.startOn)
    const end = Math.min(localMidnight(period.endOn) + DAY, at.getTime())
    const result: EquipmentPeriod = {
      bookedHours: 0,
      openHours: 0,
      bookings: 0,
      vouchers: 0,
      voucherFen: 0,
    }
    out.set(period.key, result)
    if (end <= start) continue
    const asOf = localDay(end - 1)
    for (const listing of listings) {
      if (!inScope(listing.orgId, period.startOn, asOf)) continue
      const published = listing.status === 'published' ? listing.publishedAt?.getTime() : undefined
      const own = bookingRows.filter((b) => b.listingId === listing.id)
      // Bookings count by their start, for a listing whose organisation was in the space that day.
      result.bookings += own.filter((b) => {
        const s = b.startsAt.getTime()
        return s >= start && s < end && inScopeOn(listing.orgId, localDay(s))
      }).length
      if (published === undefined || published >= end) continue
      const windowStart = Math.max(start, published)
      const figure = utilisation({
        bookings: own
          .filter((b) => b.serviceMode !== 'sample_testing')
          .map((b): Interval => [b.startsAt.getTime(), b.endsAt.getTime()]),
        openIntervals: openIntervalsOf(
          localDatesBetween(windowStart, end),
          listing.blackoutDates,
          (date) => openingOn(listing, date),
        ),
        windowStart,
        windowEnd: end,
        capacity: listing.capacity,
      })
      result.bookedHours += figure.bookedHours
      result.openHours += figure.openHours
    }
    for (const v of voucherRows) {
      const instant = num(v.at_ms)
      const listing = listings.find((l) => l.id === v.listing_id)
      if (!listing || instant < start || instant >= end) continue
      if (!inScopeOn(listing.orgId, localDay(instant))) continue
      result.vouchers += 1
      result.voucherFen += num(v.amount_fen)
    }
  }
  return out
}

type EquipmentPeriod = {
  bookedHours: number
  openHours: number
  bookings: number
  vouchers: number
  voucherFen: number
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits

/**
 * Every figure for one space (or all spaces when `spaceId` is null), per month from `fromMonth`
 * to `toMonth` inclusive, and over the whole period.
 */
export async function spaceFigures(input: {
  spaceId: string | null
  fromMonth: string
  toMonth: string
  /** false: the total over the period only (`months` and `byMonth` come back empty). */
  monthly?: boolean
}): Promise<SpaceFigures> {
  const months = monthsBetween(input.fromMonth, input.toMonth)
  // The months reported one by one (none when only the total is asked for).
  const shown = input.monthly === false ? [] : months
  const all = periodsFor(months)
  const periods = shown.length === 0 ? all.filter((p) => p.key === TOTAL) : all
  const at = now()
  const today = shanghaiToday(at)
  const scope: Scope = { spaceId: input.spaceId }
  const p = periodsRelation(periods, today, at)
  const [[served, byStage, survival], [posted, awarded], money, [events, mentoring], equipment] =
    await Promise.all([
      memberFigures(scope, p),
      challengeFigures(scope, p),
      moneyFigures(scope, p),
      eventFigures(scope, p),
      equipmentFigures(scope, periods, at),
    ])

  const keyed = (rows: Row[]) => new Map(rows.map((r) => [String(r.key), r]))
  const servedBy = keyed(served)
  const survivalBy = keyed(survival)
  const postedBy = keyed(posted)
  const awardedBy = keyed(awarded)
  const moneyBy = keyed(money)
  const eventsBy = keyed(events)
  const mentoringBy = keyed(mentoring)

  const valuesFor = (key: string): Record<FigureId, FigureValue> => {
    const s = servedBy.get(key)
    const sv = survivalBy.get(key)
    const stageRows = byStage.filter((r) => String(r.key) === key)
    const stageTotal = stageRows.find((r) => r.stage === null)
    const aw = awardedBy.get(key)
    const mo = moneyBy.get(key)
    const ev = eventsBy.get(key)
    const me = mentoringBy.get(key)
    const eq_ = equipment.get(key)
    const ratio = (a: number, b: number) => (b > 0 ? a / b : null)
    const plain = (value: number): FigureValue => ({ value, components: {} })
    return {
      startupsServed: plain(num(s?.orgs)),
      makersServed: plain(num(s?.people)),
      membersByStage: {
        value: num(stageTotal?.n),
        components: Object.fromEntries(
          stages.map((st) => [st, num(stageRows.find((r) => r.stage === st)?.n)]),
        ),
      },
      survival12: {
        value: ratio(num(sv?.alive12), num(sv?.base12)),
        components: { surviving: num(sv?.alive12), base: num(sv?.base12) },
      },
      survival24: {
        value: ratio(num(sv?.alive24), num(sv?.base24)),
        components: { surviving: num(sv?.alive24), base: num(sv?.base24) },
      },
      challengesPosted: plain(num(postedBy.get(key)?.n)),
      challengesAwarded: plain(num(aw?.n)),
      awardValue: plain(num(aw?.fen)),
      utilisation: {
        value: ratio(eq_?.bookedHours ?? 0, eq_?.openHours ?? 0),
        components: {
          bookedHours: round(eq_?.bookedHours ?? 0, 2),
          openHours: round(eq_?.openHours ?? 0, 2),
        },
      },
      bookings: plain(eq_?.bookings ?? 0),
      vouchersRedeemed: plain(eq_?.vouchers ?? 0),
      voucherValue: plain(eq_?.voucherFen ?? 0),
      moneyRaised: {
        value: num(mo?.fen),
        components: { commitments: num(mo?.commitments), startups: num(mo?.startups) },
      },
      eventsHeld: plain(num(ev?.events)),
      registrations: {
        value: num(ev?.seated) + num(ev?.waitlisted),
        components: { seated: num(ev?.seated), waitlisted: num(ev?.waitlisted) },
      },
      attendance: plain(num(ev?.attended)),
      mentorSessions: {
        value: num(me?.n),
        components: { hours: round(num(me?.minutes) / 60, 2) },
      },
    }
  }

  const perMonth = shown.map((m) => ({
    month: m,
    values: valuesFor(m),
  }))
  const byMonth = Object.fromEntries(
    figureIds.map((id) => [id, perMonth.map((pm) => ({ month: pm.month, ...pm.values[id] }))]),
  ) as Record<FigureId, FigureMonth[]>
  return { months: shown, byMonth, total: valuesFor(TOTAL) }
}

/** The spaces the platform view lists, in name order. */
export async function spacesForFigures() {
  return db()
    .select({
      id: spaces.id,
      slug: spaces.slug,
      name: spaces.name,
      nameEn: spaces.nameEn,
      operator: organisations.name,
    })
    .from(spaces)
    .innerJoin(organisations, eq(organisations.id, spaces.operatorOrgId))
    .orderBy(spaces.name)
}

/**
 * The platform view: every figure per space, and the platform total computed over all spaces at
 * once (an organisation in two spaces is one organisation served), never the sum of the rows.
 */
export async function platformFigures(input: { fromMonth: string; toMonth: string }) {
  const list = await spacesForFigures()
  const perSpace = await Promise.all(
    list.map(async (s) => ({ space: s, figures: await spaceFigures({ ...input, spaceId: s.id }) })),
  )
  const platform = await spaceFigures({ ...input, spaceId: null })
  return { spaces: perSpace, platform }
}

export type Headline = {
  year: string
  startupsServed: number
  membersNow: number
  challengesAwarded: number
  awardValueFen: number
  utilisation: number | null
  moneyRaisedFen: number
  eventsHeld: number
}

/**
 * Headline figures for the public space page: this calendar year so far (Beijing), members as of
 * today, and utilisation over the year so far.
 */
export async function headlineFigures(spaceId: string): Promise<Headline> {
  const today = shanghaiToday(now())
  const thisMonth = today.slice(0, 7)
  const year = today.slice(0, 4)
  // The total only: the public page shows no months, and each month costs as much again (the
  // instruments' opening hours are walked day by day per period).
  const { total } = await spaceFigures({
    spaceId,
    fromMonth: `${year}-01`,
    toMonth: thisMonth,
    monthly: false,
  })
  return {
    year,
    startupsServed: total.startupsServed.value ?? 0,
    membersNow: total.membersByStage.value ?? 0,
    challengesAwarded: total.challengesAwarded.value ?? 0,
    awardValueFen: total.awardValue.value ?? 0,
    utilisation: total.utilisation.value,
    moneyRaisedFen: total.moneyRaised.value ?? 0,
    eventsHeld: total.eventsHeld.value ?? 0,
  }
}

/** This month in Beijing, the upper bound of every period. */
export const thisMonth = () => shanghaiToday(now()).slice(0, 7)

/**
 * The period a figures request asks for (`from`, `to` in the query), checked by the range form's
 * schema. Without both the default period is used; with a bad one too, the reply carrying the
 * errors (and what was typed) back to the form.
 */
export function periodFromSearch(searchParams: URLSearchParams) {
  const month = thisMonth()
  const fallback = defaultPeriod(month)
  if (!searchParams.has('from') && !searchParams.has('to'))
    return { period: fallback, thisMonth: month, reply: null, valid: true }
  const submission = parseWithZod(searchParams, { schema: periodSchema(month) })
  if (submission.status !== 'success')
    return { period: fallback, thisMonth: month, reply: submission.reply(), valid: false }
  return { period: submission.value, thisMonth: month, reply: null, valid: true }
}
