// Startups in the offerings index: verified startup organisations with a fundraising profile.
// Teaser fields only: name, one-liner, stage, segments, city and space slugs. The team (people,
// their roles), traction figures, amounts sought, company form and holders are never read here,
// so they cannot reach the index.
import { and, eq, sql } from 'drizzle-orm'
import { organisations, spaceMemberships, spaces, startupProfiles } from '../../db/schema/index.ts'
import { documentId, type KindDefinition } from '../document.ts'
import { segmentFields } from './segments.ts'

const stageWords: Record<string, [string, string]> = {
  idea: ['创意期', 'idea stage'],
  seed: ['种子轮', 'seed'],
  angel: ['天使轮', 'angel'],
  a: ['A 轮', 'series A'],
}

const version =
  sql<Date>`greatest(${startupProfiles.updatedAt}, ${organisations.updatedAt})`.mapWith(
    (v: string | Date) => new Date(v),
  )

export const startupKind: KindDefinition = {
  kind: 'startup',
  async build(tx, rowId) {
    const row = await tx
      .select({
        // Named teaser columns only.
        orgId: startupProfiles.orgId,
        oneLiner: startupProfiles.oneLiner,
        stage: startupProfiles.stage,
        createdAt: startupProfiles.createdAt,
        org: {
          slug: organisations.slug,
          name: organisations.name,
          nameEn: organisations.nameEn,
          type: organisations.type,
          status: organisations.status,
          city: organisations.city,
          segments: organisations.segments,
        },
        version,
      })
      .from(startupProfiles)
      .innerJoin(organisations, eq(organisations.id, startupProfiles.orgId))
      .where(eq(startupProfiles.orgId, rowId))
      .then((r) => r[0])
    if (!row || row.org.status !== 'verified' || row.org.type !== 'startup') return null
    const memberOf = await tx
      .select({ slug: spaces.slug })
      .from(spaceMemberships)
      .innerJoin(spaces, eq(spaces.id, spaceMemberships.spaceId))
      .where(
        and(eq(spaceMemberships.memberOrgId, row.orgId), eq(spaceMemberships.status, 'active')),
      )
    const seg = segmentFields(row.org.segments)
    return {
      version: row.version,
      doc: {
        id: documentId('startup', row.orgId),
        kind: 'startup',
        rowId: row.orgId,
        url: `/startups/${row.org.slug}`,
        title: row.org.name,
        titleEn: row.org.nameEn,
        summary: row.oneLiner.slice(0, 300),
        types: [],
        typeIds: [],
        standing: 1,
        keywords: ['初创企业', 'startup', ...(stageWords[row.stage] ?? []), ...seg.names],
        segments1: seg.segments1,
        segments2: seg.segments2,
        city: row.org.city,
        status: row.stage,
        stage: row.stage,
        spaces: memberOf.map((m) => m.slug),
        createdAt: Math.floor(row.createdAt.getTime() / 1000),
        facts: { stage: row.stage },
      },
    }
  },
  async versions(tx) {
    return tx
      .select({ rowId: startupProfiles.orgId, version })
      .from(startupProfiles)
      .innerJoin(organisations, eq(organisations.id, startupProfiles.orgId))
      .where(and(eq(organisations.status, 'verified'), eq(organisations.type, 'startup')))
  },
}
