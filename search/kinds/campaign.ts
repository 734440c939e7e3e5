// Crowdfunding campaigns in the offerings index: published ones of verified startups, until they
// are withdrawn. Teaser fields only: title, one-liner, segments, city, stage, deadline, status.
// The target, valuation, terms, NDA, data room and Q&A are never read here, so they cannot leak
// into the index. Whether a viewer may find campaigns at all (CAMPAIGN_VISIBILITY) is decided
// when searching (search/query.server.ts), since the index is shared by every viewer.
import { and, eq, notInArray, sql } from 'drizzle-orm'
import { campaigns, organisations, startupProfiles } from '../../db/schema/index.ts'
import { documentId, type KindDefinition } from '../document.ts'
import {
  MAX_MENTIONED_TYPES,
  mentionSearchNames,
  typeFields,
  typesMentionedIn,
} from '../type-match.ts'
import { segmentFields } from './segments.ts'
import { activeHoldIn } from '../../app/domains/moderation/active-hold.server.ts'

export const stageNames: Record<string, [string, string]> = {
  idea: ['创意期', 'idea'],
  seed: ['种子轮', 'seed'],
  angel: ['天使轮', 'angel'],
  a: ['A 轮', 'series A'],
}

/**
 * The instrument types a campaign is about, from its teaser alone: the details sit behind the
 * data room's NDA, so even which instruments they name stays out of the index and the teaser.
 */
export function campaignTypes(c: { title: string; oneLiner: string }) {
  return typesMentionedIn(`${c.title}\n${c.oneLiner}`, MAX_MENTIONED_TYPES)
}

// Not in the index: a draft was never public, a withdrawn campaign no longer is.
const hidden = ['draft', 'withdrawn'] as const

const version = sql<Date>`greatest(${campaigns.updatedAt}, ${organisations.updatedAt})`.mapWith(
  (v: string | Date) => new Date(v),
)

export const campaignKind: KindDefinition = {
  kind: 'campaign',
  async build(tx, rowId) {
    const row = await tx
      .select({
        // Named teaser columns only.
        id: campaigns.id,
        slug: campaigns.slug,
        status: campaigns.status,
        title: campaigns.title,
        oneLiner: campaigns.oneLiner,
        segments: campaigns.segments,
        deadline: campaigns.deadline,
        publishedAt: campaigns.publishedAt,
        createdAt: campaigns.createdAt,
        stage: startupProfiles.stage,
        org: { name: organisations.name, status: organisations.status, city: organisations.city },
        version,
      })
      .from(campaigns)
      .innerJoin(organisations, eq(organisations.id, campaigns.orgId))
      .leftJoin(startupProfiles, eq(startupProfiles.orgId, campaigns.orgId))
      .where(eq(campaigns.id, rowId))
      .then((r) => r[0])
    if (!row || (hidden as readonly string[]).includes(row.status)) return null
    if (row.org.status !== 'verified') return null
    // Hidden by the platform: out of search until the hold is lifted.
    if (await activeHoldIn(tx, 'campaign', row.id)) return null
    const seg = segmentFields(row.segments)
    const deadline = Math.floor(row.deadline.getTime() / 1000)
    const types = campaignTypes(row)
    return {
      version: row.version,
      doc: {
        id: documentId('campaign', row.id),
        kind: 'campaign',
        rowId: row.id,
        url: `/campaigns/${row.slug}`,
        title: row.title,
        titleEn: null,
        summary: row.oneLiner.slice(0, 1000),
        ...typeFields(types, mentionSearchNames),
        standing: 1,
        keywords: [
          '股权众筹',
          'equity crowdfunding',
          ...(row.stage ? (stageNames[row.stage] ?? []) : []),
          row.org.name,
          ...seg.names,
        ].filter(Boolean),
        segments1: seg.segments1,
        segments2: seg.segments2,
        city: row.org.city,
        status: row.status,
        spaces: [],
        createdAt: Math.floor((row.publishedAt ?? row.createdAt).getTime() / 1000),
        facts: {
          org: row.org.name,
          deadline,
          status: row.status,
          ...(row.stage ? { stage: row.stage } : {}),
        },
        ...(row.stage ? { stage: row.stage } : {}),
        deadline,
      },
    }
  },
  async versions(tx) {
    return tx
      .select({ rowId: campaigns.id, version })
      .from(campaigns)
      .innerJoin(organisations, eq(organisations.id, campaigns.orgId))
      .where(and(notInArray(campaigns.status, [...hidden]), eq(organisations.status, 'verified')))
  },
}
