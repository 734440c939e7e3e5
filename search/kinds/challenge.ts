// Innovation challenges in the offerings index: published ones of verified organisations, until
// they are cancelled. Only the title and the public summary are searchable; the details, the
// confidential attachments and the Q&A never reach the index. The instrument types a challenge
// mentions are read from its title and summary, and from its details only when those are public
// (no NDA): a confidential challenge does not give away even which instruments it needs.
import { and, eq, notInArray, sql } from 'drizzle-orm'
import { challenges, organisations } from '../../db/schema/index.ts'
import { documentId, type KindDefinition } from '../document.ts'
import {
  MAX_MENTIONED_TYPES,
  mentionSearchNames,
  typeFields,
  typesMentionedIn,
} from '../type-match.ts'
import { segmentFields } from './segments.ts'
import { activeHoldIn } from '../../app/domains/moderation/active-hold.server.ts'

export const challengeTypeNames: Record<string, [string, string]> = {
  rd_task: ['研发任务', 'R&D task'],
  prototype: ['样机试制', 'prototype'],
  testing_task: ['测试验证', 'testing task'],
  ideation: ['创意征集', 'ideation'],
}

/** The instrument types a challenge is about, from what any reader may see of it. */
export function challengeTypes(c: {
  title: string
  summary: string
  confidentiality: string
  details: string
}) {
  const text = [c.title, c.summary, c.confidentiality === 'public' ? c.details : ''].join('\n')
  return typesMentionedIn(text, MAX_MENTIONED_TYPES)
}

// Not in the index: drafts were never public, a cancelled challenge no longer is.
const hidden = ['draft', 'cancelled'] as const

const version = sql<Date>`greatest(${challenges.updatedAt}, ${organisations.updatedAt})`.mapWith(
  (v: string | Date) => new Date(v),
)

export const challengeKind: KindDefinition = {
  kind: 'challenge',
  async build(tx, rowId) {
    const row = await tx
      .select({
        // Named columns, not the row: confidential details are never even read here.
        id: challenges.id,
        slug: challenges.slug,
        status: challenges.status,
        title: challenges.title,
        summary: challenges.summary,
        segments: challenges.segments,
        type: challenges.type,
        solicitation: challenges.solicitation,
        awardMode: challenges.awardMode,
        awardFen: challenges.awardFen,
        budgetMinFen: challenges.budgetMinFen,
        budgetMaxFen: challenges.budgetMaxFen,
        bidDeadline: challenges.bidDeadline,
        ipTerms: challenges.ipTerms,
        confidentiality: challenges.confidentiality,
        publicDetails: sql<string>`case when ${challenges.confidentiality} = 'public' then ${challenges.details} else '' end`,
        publishedAt: challenges.publishedAt,
        createdAt: challenges.createdAt,
        org: { name: organisations.name, status: organisations.status, city: organisations.city },
        version,
      })
      .from(challenges)
      .innerJoin(organisations, eq(organisations.id, challenges.orgId))
      .where(eq(challenges.id, rowId))
      .then((r) => r[0])
    if (!row || (hidden as readonly string[]).includes(row.status)) return null
    if (row.org.status !== 'verified') return null
    // Hidden by the platform: out of search until the hold is lifted.
    if (await activeHoldIn(tx, 'challenge', row.id)) return null
    const seg = segmentFields(row.segments)
    const min = row.awardMode === 'fixed' ? row.awardFen : row.budgetMinFen
    const max = row.awardMode === 'fixed' ? row.awardFen : row.budgetMaxFen
    const deadline = Math.floor(row.bidDeadline.getTime() / 1000)
    const types = challengeTypes({ ...row, details: row.publicDetails })
    return {
      version: row.version,
      doc: {
        id: documentId('challenge', row.id),
        kind: 'challenge',
        rowId: row.id,
        url: `/challenges/${row.slug}`,
        title: row.title,
        titleEn: null,
        summary: row.summary.slice(0, 1000),
        ...typeFields(types, mentionSearchNames),
        standing: 1,
        keywords: [
          ...(challengeTypeNames[row.type] ?? []),
          ...(row.solicitation === 'jiebang' ? ['揭榜挂帅', 'open competition'] : []),
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
          type: row.type,
          awardMode: row.awardMode,
          ...(min !== null ? { awardMin: min } : {}),
          ...(max !== null ? { awardMax: max } : {}),
          deadline,
          ipTerms: row.ipTerms,
          solicitation: row.solicitation,
          confidentiality: row.confidentiality,
          org: row.org.name,
          status: row.status,
        },
        challengeType: row.type,
        ipTerms: row.ipTerms,
        ...(min !== null ? { awardMinFen: min } : {}),
        ...(max !== null ? { awardMaxFen: max } : {}),
        deadline,
      },
    }
  },
  async versions(tx) {
    return tx
      .select({ rowId: challenges.id, version })
      .from(challenges)
      .innerJoin(organisations, eq(organisations.id, challenges.orgId))
      .where(and(notInArray(challenges.status, [...hidden]), eq(organisations.status, 'verified')))
  },
}
