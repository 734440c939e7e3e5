// Organisations in the offerings index: verified ones only. The 信用代码, documents and people
// stay out of the index.
import { and, eq, sql } from 'drizzle-orm'
import { organisations, spaceMemberships, spaces } from '../../db/schema/index.ts'
import { documentId, type KindDefinition } from '../document.ts'
import {
  MAX_MENTIONED_TYPES,
  mentionSearchNames,
  typeFields,
  typesMentionedIn,
} from '../type-match.ts'
import { segmentFields } from './segments.ts'

const typeNames: Record<string, [string, string]> = {
  enterprise: ['企业', 'enterprise'],
  institute: ['科研院所', 'research institute'],
  university: ['高校', 'university'],
  startup: ['初创企业', 'startup'],
  investment_firm: ['投资机构', 'investment firm'],
  space_operator: ['众创空间运营方', 'space operator'],
}

export const organisationKind: KindDefinition = {
  kind: 'organisation',
  async build(tx, rowId) {
    const org = await tx
      .select()
      .from(organisations)
      .where(eq(organisations.id, rowId))
      .then((r) => r[0])
    if (!org || org.status !== 'verified') return null
    const memberOf = await tx
      .select({ slug: spaces.slug })
      .from(spaceMemberships)
      .innerJoin(spaces, eq(spaces.id, spaceMemberships.spaceId))
      .where(and(eq(spaceMemberships.memberOrgId, org.id), eq(spaceMemberships.status, 'active')))
    const seg = segmentFields(org.segments)
    // A lab describes what it runs (配备场发射扫描电子显微镜): those types find it by any of their
    // names or broader terms, as a listing of the type would be found.
    const types = typesMentionedIn(`${org.name}\n${org.description}`, MAX_MENTIONED_TYPES)
    return {
      version: org.updatedAt,
      doc: {
        id: documentId('organisation', org.id),
        kind: 'organisation',
        rowId: org.id,
        url: `/orgs/${org.slug}`,
        title: org.name,
        titleEn: org.nameEn,
        summary: org.description.slice(0, 1000),
        ...typeFields(types, mentionSearchNames),
        standing: 1,
        keywords: [...(typeNames[org.type] ?? []), ...seg.names],
        segments1: seg.segments1,
        segments2: seg.segments2,
        city: org.city,
        status: org.type,
        spaces: memberOf.map((m) => m.slug),
        createdAt: Math.floor(org.createdAt.getTime() / 1000),
        facts: { type: org.type },
      },
    }
  },
  async versions(tx) {
    return tx
      .select({ rowId: organisations.id, version: organisations.updatedAt })
      .from(organisations)
      .where(sql`${organisations.status} = 'verified'`)
  },
}
