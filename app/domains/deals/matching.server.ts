// Matching: investors ranked by fit for a startup (/investors), the public investor directory
// for everyone else, and the investor's deal feed of startups ranked by fit (/deals and the
// dashboard). A fixed number of queries whatever the numbers; contacts are never selected.
// Ranking by fit happens in memory over the filtered candidates: the score is one pure function
// (fit.ts), not a second copy in SQL.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import {
  campaigns,
  commitments,
  investorProfiles,
  investorVerifications,
  organisations,
  startupProfiles,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { env } from '../../env.server.ts'
import type { Language } from '../../i18n/config.ts'
import { actingParty, type Auth } from '../accounts/auth.server.ts'
import { segmentCodes } from '../spaces/segments.ts'
import { liveCommitmentStates } from './deal.machine.ts'
import { startupStages, type StartupStage } from './deals.schema.ts'
import { byFit, fitScore, reasonLabels, type Fit, type StartupSide } from './fit.ts'
import { actingInvestorProfile, isVerifiedInvestor } from './investor-standing.server.ts'

export const INVESTORS_PAGE_SIZE = 20
export const DEALS_PAGE_SIZE = 20
export const DASHBOARD_DEALS = 5

export type InvestorFilters = {
  segment: string | null
  stage: StartupStage | null
  verifiedOnly: boolean
  page: number
}

/** Filters from a URL's query, unknown values dropped. */
export function investorFilters(params: URLSearchParams): InvestorFilters {
  const segment = params.get('segment')
  const stage = params.get('stage')
  const page = Number.parseInt(params.get('page') ?? '1', 10)
  return {
    segment: segment && segmentCodes.has(segment) ? segment : null,
    stage: (startupStages as readonly string[]).includes(stage ?? '')
      ? (stage as StartupStage)
      : null,
    verifiedOnly: params.get('verified') === '1',
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 10_000) : 1,
  }
}

/** A startup as the fit sees it: its org's segments and city, and the range it raises in. */
type StartupRow = {
  orgId: string
  slug: string
  name: string
  orgStatus: string
  oneLiner: string
  stage: StartupStage
  city: string
  segments: string[]
  seekingFen: number | null
  minTicketFen: number | null
  lastActiveAt: Date
}

const startupColumns = {
  orgId: startupProfiles.orgId,
  slug: organisations.slug,
  name: organisations.name,
  orgStatus: organisations.status,
  oneLiner: startupProfiles.oneLiner,
  stage: startupProfiles.stage,
  city: organisations.city,
  segments: organisations.segments,
  seekingFen: startupProfiles.seekingFen,
  minTicketFen: startupProfiles.minTicketFen,
  lastActiveAt: startupProfiles.lastActiveAt,
}

type LiveCampaign = {
  id: string
  orgId: string
  slug: string
  title: string
  oneLiner: string
  targetFen: number
  minTicketFen: number
  deadline: Date
}

/** The live campaign of each org (the one closing first, if several). */
async function liveCampaignsOf(orgIds: string[]): Promise<Map<string, LiveCampaign>> {
  if (orgIds.length === 0) return new Map()
  const rows = await db()
    .select({
      id: campaigns.id,
      orgId: campaigns.orgId,
      slug: campaigns.slug,
      title: campaigns.title,
      oneLiner: campaigns.oneLiner,
      targetFen: campaigns.targetFen,
      minTicketFen: campaigns.minTicketFen,
      deadline: campaigns.deadline,
    })
    .from(campaigns)
    .where(and(inArray(campaigns.orgId, orgIds), eq(campaigns.status, 'live')))
    .orderBy(asc(campaigns.deadline), asc(campaigns.id))
  const byOrg = new Map<string, LiveCampaign>()
  for (const r of rows) if (!byOrg.has(r.orgId)) byOrg.set(r.orgId, r)
  return byOrg
}

function startupSide(s: StartupRow, live: LiveCampaign | undefined): StartupSide {
  return {
    segments: s.segments,
    stage: s.stage,
    city: s.city,
    ticketMinFen: live ? live.minTicketFen : s.minTicketFen,
    ticketMaxFen: live ? live.targetFen : s.seekingFen,
  }
}

/** The startup the person acts for, when it has a fundraising profile. */
export async function actingStartup(auth: Auth | null): Promise<StartupRow | null> {
  if (!auth) return null
  const acting = actingParty(auth)
  if (acting.kind !== 'org') return null
  const row = await db()
    .select(startupColumns)
    .from(startupProfiles)
    .innerJoin(organisations, eq(organisations.id, startupProfiles.orgId))
    .where(eq(startupProfiles.orgId, acting.orgId))
    .then((r) => r[0])
  return row ?? null
}

/**
 * Qualified now: an approval in force. The outer column is written out in full: drizzle leaves a
 * single table's columns unqualified in a select list, where `id` would mean the subquery's own.
 */
const verifiedNow = () =>
  sql<boolean>`exists (select 1 from ${investorVerifications} v where v.investor_profile_id = "investor_profiles"."id" and v.status = 'approved' and v.expires_at > ${now().toISOString()}::timestamptz)`

function segmentFilter(code: string): SQL {
  // A second-level code finds theses naming it or its first level; a first-level code finds
  // theses naming it or any of its children.
  const top = code.split('.')[0] ?? code
  const names = code.includes('.')
    ? sql`s in (${code}, ${top})`
    : sql`(s = ${code} or s like ${`${code}.%`})`
  return sql`exists (select 1 from unnest(${investorProfiles.thesisSegments}) s where ${names})`
}

const investorCardColumns = {
  id: investorProfiles.id,
  kind: investorProfiles.kind,
  displayName: investorProfiles.displayName,
  bio: investorProfiles.bio,
  thesisSegments: investorProfiles.thesisSegments,
  thesisStages: investorProfiles.thesisStages,
  ticketMinFen: investorProfiles.ticketMinFen,
  ticketMaxFen: investorProfiles.ticketMaxFen,
  regions: investorProfiles.regions,
  visibility: investorProfiles.visibility,
  lastActiveAt: investorProfiles.lastActiveAt,
  verified: verifiedNow(),
}

export type InvestorCard = {
  id: string
  kind: 'individual' | 'institution'
  displayName: string
  bio: string
  thesisSegments: string[]
  thesisStages: string[]
  ticketMinFen: number
  ticketMaxFen: number
  regions: string[]
  verified: boolean
  lastActiveAt: string
  fit: { score: number; reasons: string[] } | null
}

type InvestorRow = {
  id: string
  kind: 'individual' | 'institution'
  displayName: string
  bio: string
  thesisSegments: string[]
  thesisStages: string[]
  ticketMinFen: number
  ticketMaxFen: number
  regions: string[]
  visibility: string
  lastActiveAt: Date
  verified: boolean
}

function card(row: InvestorRow, fit: Fit | null, lng: Language): InvestorCard {
  return {
    id: row.id,
    kind: row.kind,
    displayName: row.displayName,
    bio: row.bio,
    thesisSegments: row.thesisSegments,
    thesisStages: row.thesisStages,
    ticketMinFen: row.ticketMinFen,
    ticketMaxFen: row.ticketMaxFen,
    regions: row.regions,
    verified: row.verified,
    lastActiveAt: row.lastActiveAt.toISOString(),
    fit: fit ? { score: fit.score, reasons: reasonLabels(fit.reasons, lng) } : null,
  }
}

export type InvestorsPage = {
  mode: 'ranked' | 'directory'
  startup: { name: string; verified: boolean; manages: boolean } | null
  items: InvestorCard[]
  total: number
  page: number
  pages: number
}

/**
 * /investors. For someone acting for a startup with a profile: every investor it may see,
 * ranked by fit (profiles shown only to verified startups, when it is one). For everyone else:
 * the public directory, most recently active first, without scores.
 */
export async function investorsPage(
  auth: Auth | null,
  filters: InvestorFilters,
  lng: Language,
): Promise<InvestorsPage> {
  const startup = await actingStartup(auth)
  const conditions: SQL[] = []
  if (filters.segment) conditions.push(segmentFilter(filters.segment))
  if (filters.stage) conditions.push(sql`${filters.stage} = any(${investorProfiles.thesisStages})`)
  if (filters.verifiedOnly) conditions.push(verifiedNow())
  const offset = (filters.page - 1) * INVESTORS_PAGE_SIZE

  if (!startup) {
    const where = and(eq(investorProfiles.visibility, 'public'), ...conditions)
    const [rows, [count]] = await Promise.all([
      db()
        .select(investorCardColumns)
        .from(investorProfiles)
        .where(where)
        .orderBy(desc(investorProfiles.lastActiveAt), asc(investorProfiles.id))
        .limit(INVESTORS_PAGE_SIZE)
        .offset(offset),
      db()
        .select({ n: sql<number>`count(*)::int` })
        .from(investorProfiles)
        .where(where),
    ])
    const total = count?.n ?? 0
    return {
      mode: 'directory',
      startup: null,
      items: rows.map((r) => card(r, null, lng)),
      total,
      page: filters.page,
      pages: Math.max(1, Math.ceil(total / INVESTORS_PAGE_SIZE)),
    }
  }

  const verified = startup.orgStatus === 'verified'
  const visible = verified
    ? inArray(investorProfiles.visibility, ['public', 'verified_startups'])
    : eq(investorProfiles.visibility, 'public')
  const [rows, live] = await Promise.all([
    db()
      .select(investorCardColumns)
      .from(investorProfiles)
      .where(and(visible, ...conditions)),
    liveCampaignsOf([startup.orgId]),
  ])
  const side = startupSide(startup, live.get(startup.orgId))
  const ranked = rows
    .map((r) => ({
      row: r,
      id: r.id,
      lastActiveAt: r.lastActiveAt,
      fit: fitScore(
        {
          segments: r.thesisSegments,
          stages: r.thesisStages,
          ticketMinFen: r.ticketMinFen,
          ticketMaxFen: r.ticketMaxFen,
          regions: r.regions,
        },
        side,
      ),
    }))
    .sort(byFit)
  const acting = auth ? actingParty(auth) : null
  return {
    mode: 'ranked',
    startup: {
      name: startup.name,
      verified,
      manages: acting?.kind === 'org' && (acting.role === 'owner' || acting.role === 'admin'),
    },
    items: ranked.slice(offset, offset + INVESTORS_PAGE_SIZE).map((r) => card(r.row, r.fit, lng)),
    total: ranked.length,
    page: filters.page,
    pages: Math.max(1, Math.ceil(ranked.length / INVESTORS_PAGE_SIZE)),
  }
}

export type DealCard = {
  orgId: string
  slug: string
  name: string
  oneLiner: string
  stage: StartupStage
  city: string
  segments: string[]
  seekingFen: number | null
  minTicketFen: number | null
  score: number
  reasons: string[]
  campaign: {
    slug: string
    title: string
    oneLiner: string
    targetFen: number
    committedFen: number
    deadline: string
  } | null
}

export type DealFeed = {
  investor: { id: string; displayName: string; kind: 'individual' | 'institution' }
  items: DealCard[]
  total: number
  page: number
  pages: number
}

/**
 * The deal feed of the investor profile the person acts for (their own, or their firm's when
 * acting for it): verified startups with a profile, ranked by fit, each with its live
 * campaign's teaser when the viewer may see teasers. Null when the person acts for no investor.
 */
export async function dealFeed(
  auth: Auth,
  options: { page: number; pageSize: number },
  lng: Language,
): Promise<DealFeed | null> {
  const acting = actingParty(auth)
  const investor = await actingInvestorProfile(
    db(),
    auth.user.id,
    acting.kind === 'org' ? acting.orgId : null,
  )
  if (!investor) return null
  const [startups, seesTeasers] = await Promise.all([
    db()
      .select(startupColumns)
      .from(startupProfiles)
      .innerJoin(organisations, eq(organisations.id, startupProfiles.orgId))
      .where(eq(organisations.status, 'verified')),
    env().CAMPAIGN_VISIBILITY === 'teaser'
      ? Promise.resolve(true)
      : isVerifiedInvestor(db(), auth.user.id),
  ])
  const live = await liveCampaignsOf(startups.map((s) => s.orgId))
  const thesis = {
    segments: investor.thesisSegments,
    stages: investor.thesisStages,
    ticketMinFen: investor.ticketMinFen,
    ticketMaxFen: investor.ticketMaxFen,
    regions: investor.regions,
  }
  const ranked = startups
    .map((s) => ({
      s,
      id: s.orgId,
      lastActiveAt: s.lastActiveAt,
      fit: fitScore(thesis, startupSide(s, live.get(s.orgId))),
    }))
    .sort(byFit)
  const offset = (options.page - 1) * options.pageSize
  const shown = ranked.slice(offset, offset + options.pageSize)
  const teasers = seesTeasers
    ? shown.map((r) => live.get(r.s.orgId)).filter((c): c is LiveCampaign => c !== undefined)
    : []
  const committed = new Map<string, number>()
  if (teasers.length > 0) {
    const sums = await db()
      .select({
        campaignId: commitments.campaignId,
        fen: sql<string>`coalesce(sum(${commitments.amountFen}), 0)`,
      })
      .from(commitments)
      .where(
        and(
          inArray(
            commitments.campaignId,
            teasers.map((c) => c.id),
          ),
          inArray(commitments.status, [...liveCommitmentStates]),
        ),
      )
      .groupBy(commitments.campaignId)
    for (const r of sums) committed.set(r.campaignId, Number(r.fen))
  }
  const teaserOf = new Map(teasers.map((c) => [c.orgId, c]))
  return {
    investor: { id: investor.id, displayName: investor.displayName, kind: investor.kind },
    items: shown.map(({ s, fit }) => {
      const c = teaserOf.get(s.orgId)
      return {
        orgId: s.orgId,
        slug: s.slug,
        name: s.name,
        oneLiner: s.oneLiner,
        stage: s.stage,
        city: s.city,
        segments: s.segments,
        seekingFen: s.seekingFen,
        minTicketFen: s.minTicketFen,
        score: fit.score,
        reasons: reasonLabels(fit.reasons, lng),
        campaign: c
          ? {
              slug: c.slug,
              title: c.title,
              oneLiner: c.oneLiner,
              targetFen: c.targetFen,
              committedFen: committed.get(c.id) ?? 0,
              deadline: c.deadline.toISOString(),
            }
          : null,
      }
    }),
    total: ranked.length,
    page: options.page,
    pages: Math.max(1, Math.ceil(ranked.length / options.pageSize)),
  }
}
