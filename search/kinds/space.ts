// Spaces in the offerings index: every space is public.
import { eq, sql } from 'drizzle-orm'
import { spaceMemberships, spaces } from '../../db/schema/index.ts'
import { documentId, type KindDefinition } from '../document.ts'
import { segmentFields } from './segments.ts'

const kindNames = {
  nursery: ['苗圃', 'nursery'],
  incubator: ['孵化器', 'incubator'],
  accelerator: ['加速器', 'accelerator'],
}

export const spaceKind: KindDefinition = {
  kind: 'space',
  async build(tx, rowId) {
    const row = await tx
      .select({
        space: spaces,
        members: sql<number>`(select count(*)::int from ${spaceMemberships} m where m.space_id = ${spaces.id} and m.status = 'active')`,
      })
      .from(spaces)
      .where(eq(spaces.id, rowId))
      .then((r) => r[0])
    if (!row) return null
    const s = row.space
    const seg = segmentFields(s.segments)
    return {
      version: s.updatedAt,
      doc: {
        id: documentId('space', s.id),
        kind: 'space',
        rowId: s.id,
        url: `/spaces/${s.slug}`,
        title: s.name,
        titleEn: s.nameEn,
        summary: s.description.slice(0, 1000),
        types: [],
        typeIds: [],
        standing: 1,
        keywords: [...s.services, ...kindNames[s.kind], ...seg.names],
        segments1: seg.segments1,
        segments2: seg.segments2,
        city: s.city,
        status: s.kind,
        spaces: [s.slug],
        createdAt: Math.floor(s.createdAt.getTime() / 1000),
        facts: { kind: s.kind, filing: s.filing, members: row.members },
      },
    }
  },
  async versions(tx) {
    const rows = await tx.select({ rowId: spaces.id, version: spaces.updatedAt }).from(spaces)
    return rows
  },
}
