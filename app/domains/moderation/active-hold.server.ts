// Whether a listing, challenge or campaign is hidden by the platform right now. Kept apart from
// the hide/lift use cases so the search document builders can ask without pulling in
// notifications and jobs.
import { and, eq, inArray } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { moderationHolds } from '../../../db/schema/index.ts'
import type { HoldSubject } from './moderation.machine.ts'

export type ActiveHold = { id: string; reason: string; imposedAt: Date }

export async function activeHoldIn(
  tx: Tx,
  kind: HoldSubject,
  subjectId: string,
): Promise<ActiveHold | null> {
  const row = await tx
    .select({
      id: moderationHolds.id,
      reason: moderationHolds.reason,
      imposedAt: moderationHolds.imposedAt,
    })
    .from(moderationHolds)
    .where(
      and(
        eq(moderationHolds.subjectKind, kind),
        eq(moderationHolds.subjectId, subjectId),
        eq(moderationHolds.status, 'active'),
      ),
    )
    .then((r) => r[0])
  return row ?? null
}

/** The active holds among many subjects of one kind, by subject id (for lists). */
export async function activeHoldsIn(
  tx: Tx,
  kind: HoldSubject,
  subjectIds: readonly string[],
): Promise<Map<string, ActiveHold>> {
  if (subjectIds.length === 0) return new Map()
  const rows = await tx
    .select({
      subjectId: moderationHolds.subjectId,
      id: moderationHolds.id,
      reason: moderationHolds.reason,
      imposedAt: moderationHolds.imposedAt,
    })
    .from(moderationHolds)
    .where(
      and(
        eq(moderationHolds.subjectKind, kind),
        inArray(moderationHolds.subjectId, [...new Set(subjectIds)]),
        eq(moderationHolds.status, 'active'),
      ),
    )
  return new Map(rows.map(({ subjectId, ...hold }) => [subjectId, hold]))
}
