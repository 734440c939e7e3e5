// Instrument listings in the offerings index: published listings of verified organisations
// only. The street address, deposit and cancellation rules and the owner's people stay out;
// the city is as precise as a visitor's search gets.
import { and, eq, sql } from 'drizzle-orm'
import {
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

export const equipmentKind: KindDefinition = {
  kind: 'equipment',
  async build(tx, rowId) {
    const row = await tx
      .select({
        listing: equipmentListings,
        org: { name: organisations.name, status: organisations.status },
        version,
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
        types: [],
        typeIds: [],
        standing: 1,
        keywords: [
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
