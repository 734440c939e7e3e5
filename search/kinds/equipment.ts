// Instrument listings in the offerings index: published listings of verified organisations
// only. The street address, deposit and cancellation rules and the owner's people stay out;
// the city is as precise as a visitor's search gets.
import { and, eq, sql } from 'drizzle-orm'
import {
  equipmentBookings,
  equipmentListings,
  equipmentReviews,
  organisations,
  spaceMemberships,
  spaces,
} from '../../db/schema/index.ts'
import { now } from '../../app/clock.server.ts'
import {
  isAccredited,
  parsePriceList,
  priceFrom,
} from '../../app/domains/equipment/listing-facts.ts'
import { ratingOf } from '../../app/domains/equipment/listing-rating.server.ts'
import { documentId, type KindDefinition } from '../document.ts'
import { typeFields, typeSearchNames, typesMentionedIn } from '../type-match.ts'
import { instrumentType } from '../vocabulary.ts'
import { segmentFields } from './segments.ts'
import { activeHoldIn } from '../../app/domains/moderation/active-hold.server.ts'

// Search words in both languages, so that either finds the listing whatever the reader's language.
export const categoryNames: Record<string, [string, string]> = {
  research: ['科研仪器', 'research instrument'],
  testing_inspection: ['检验检测', 'testing and inspection'],
  small_trial: ['小试', 'small-scale trial'],
  pilot_line: ['中试', 'pilot line'],
  prototyping: ['模型加工', 'prototyping'],
}

export const serviceModeNames: Record<string, [string, string]> = {
  self_service: ['自主上机', 'self-service'],
  operator_run: ['机组人员操作', 'operator-run'],
  sample_testing: ['送样检测', 'sample testing'],
}

// A listing's document changes with its organisation too (name, verification) and with each
// new review (its rating), so its version is the latest of those.
const version = sql<Date>`greatest(${equipmentListings.updatedAt}, ${organisations.updatedAt}, (
    select max(${equipmentReviews.createdAt}) from ${equipmentReviews}
    where ${equipmentReviews.listingId} = ${equipmentListings.id}))`.mapWith(
  (v: string | Date) => new Date(v),
)

// A year without an edit or a booking request makes a listing stale: its owner may no longer
// run the instrument as described.
const ACTIVE_DAYS = 365

/**
 * Standing ranks listings that match equally well: one for current accreditation, one for being
 * active (updated, or asked for a booking, within the last ACTIVE_DAYS of the clock's now), so an
 * accredited, active listing (2) comes before a stale one (0). The daily refresh rebuilds every
 * document with the clock's now, so a listing goes stale without any write.
 */
function activeSince(at: Date) {
  const since = new Date(at.getTime() - ACTIVE_DAYS * 86_400_000).toISOString()
  return sql<boolean>`(${equipmentListings.updatedAt} > ${since}::timestamptz or exists (
    select 1 from ${equipmentBookings}
    where ${equipmentBookings.listingId} = ${equipmentListings.id}
      and ${equipmentBookings.createdAt} > ${since}::timestamptz))`
}

export const equipmentKind: KindDefinition = {
  kind: 'equipment',
  async build(tx, rowId) {
    const row = await tx
      .select({
        listing: equipmentListings,
        org: { name: organisations.name, status: organisations.status },
        version,
        active: activeSince(now()),
      })
      .from(equipmentListings)
      .innerJoin(organisations, eq(organisations.id, equipmentListings.orgId))
      .where(eq(equipmentListings.id, rowId))
      .then((r) => r[0])
    if (!row || row.listing.status !== 'published' || row.org.status !== 'verified') return null
    // Hidden by the platform: out of search until the hold is lifted.
    if (await activeHoldIn(tx, 'listing', row.listing.id)) return null
    const l = row.listing
    const [operated, memberOf, rating] = await Promise.all([
      tx.select({ slug: spaces.slug }).from(spaces).where(eq(spaces.operatorOrgId, l.orgId)),
      tx
        .select({ slug: spaces.slug })
        .from(spaceMemberships)
        .innerJoin(spaces, eq(spaces.id, spaceMemberships.spaceId))
        .where(
          and(eq(spaceMemberships.memberOrgId, l.orgId), eq(spaceMemberships.status, 'active')),
        ),
      ratingOf(tx, l.id),
    ])
    const seg = segmentFields(l.segments)
    const accredited = isAccredited(l.accreditations, now())
    const price = priceFrom(parsePriceList(l.priceBlocks))
    const specs = l.specs.map((s) => `${s.key} ${s.value}${s.unit ? ` ${s.unit}` : ''}`).join('；')
    // The owner's choice; failing that, what the title names (the model and maker, in their own
    // fields, are never read as types).
    const chosen = instrumentType(l.typeId)
    const types = chosen ? [chosen] : typesMentionedIn(l.name)
    return {
      version: row.version,
      doc: {
        id: documentId('equipment', l.id),
        kind: 'equipment',
        rowId: l.id,
        url: `/equipment/${l.slug}`,
        title: l.name,
        titleEn: null,
        summary: [[l.manufacturer, l.model].filter(Boolean).join(' '), specs, row.org.name]
          .filter(Boolean)
          .join(' · ')
          .slice(0, 1000),
        ...typeFields(types, typeSearchNames),
        standing: (accredited ? 1 : 0) + (row.active ? 1 : 0),
        keywords: [
          ...l.keywords,
          l.manufacturer,
          l.model,
          ...(categoryNames[l.category] ?? []),
          ...l.serviceModes.flatMap((m) => serviceModeNames[m] ?? []),
          ...seg.names,
        ].filter(Boolean),
        segments1: seg.segments1,
        segments2: seg.segments2,
        city: l.city,
        status: l.category,
        spaces: [...new Set([...operated, ...memberOf].map((s) => s.slug))].sort(),
        createdAt: Math.floor((l.publishedAt ?? l.createdAt).getTime() / 1000),
        facts: {
          category: l.category,
          accredited: accredited ? 'yes' : 'no',
          ...(price ? { priceKind: price.priceKind, price: price.priceFen } : {}),
          city: l.city,
          // Shown on the result card; absent until the first review.
          ...(rating.average !== null ? { rating: rating.average, reviewCount: rating.count } : {}),
        },
        ...(price ? { priceKind: price.priceKind, price: price.priceFen } : {}),
        category: l.category,
        accredited,
        serviceModes: [...l.serviceModes],
        vouchersAccepted: l.vouchersAccepted,
      },
    }
  },
  async versions(tx) {
    return tx
      .select({ rowId: equipmentListings.id, version })
      .from(equipmentListings)
      .innerJoin(organisations, eq(organisations.id, equipmentListings.orgId))
      .where(and(eq(equipmentListings.status, 'published'), eq(organisations.status, 'verified')))
  },
}
