// Conflict of interest: an admin never decides a case in which an organisation they belong to
// is a party. Every admin use case asks here with the case's parties; pages ask too, to show a
// note instead of the buttons.
import { and, eq, inArray, isNull } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { orgMembers } from '../../../db/schema/index.ts'
import { UserError } from '../problems.ts'

/** The message shown beside a refused admin action and in place of its buttons. */
export const CONFLICT_KEY = 'admin:conflict.refused'

/**
 * The same question for a page listing many cases, answered from the memberships the request
 * already loaded (no query per row).
 */
export function sharesParty(
  auth: { memberships: readonly { orgId: string }[] },
  orgIds: readonly (string | null | undefined)[],
): boolean {
  return orgIds.some((id) => typeof id === 'string' && auth.memberships.some((m) => m.orgId === id))
}

/** Whether the admin is an active member of any of the organisations (nulls are no party). */
export async function partiesConflict(
  adminUserId: string,
  orgIds: readonly (string | null | undefined)[],
  tx: Tx = db(),
): Promise<boolean> {
  const ids = [...new Set(orgIds.filter((id): id is string => typeof id === 'string'))]
  if (ids.length === 0) return false
  const rows = await tx
    .select({ orgId: orgMembers.orgId })
    .from(orgMembers)
    .where(
      and(
        eq(orgMembers.userId, adminUserId),
        inArray(orgMembers.orgId, ids),
        isNull(orgMembers.leftAt),
      ),
    )
    .limit(1)
  return rows.length > 0
}

export async function assertNoConflict(
  tx: Tx,
  adminUserId: string,
  orgIds: readonly (string | null | undefined)[],
): Promise<void> {
  if (await partiesConflict(adminUserId, orgIds, tx)) throw new UserError(CONFLICT_KEY)
}

/** The organisations the admin belongs to, for pages that mark many cases at once. */
export async function adminOrgIds(adminUserId: string, tx: Tx = db()): Promise<Set<string>> {
  const rows = await tx
    .select({ orgId: orgMembers.orgId })
    .from(orgMembers)
    .where(and(eq(orgMembers.userId, adminUserId), isNull(orgMembers.leftAt)))
  return new Set(rows.map((r) => r.orgId))
}
