// A person's current role in an organisation (undefined once they have left, or never joined):
// the one lookup every marketplace uses to tell its operators from everyone else.
import { and, eq, isNull } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { orgMembers } from '../../../db/schema/index.ts'

export async function roleInOrg(tx: Tx, orgId: string, userId: string) {
  return tx
    .select({ role: orgMembers.role })
    .from(orgMembers)
    .where(
      and(eq(orgMembers.orgId, orgId), eq(orgMembers.userId, userId), isNull(orgMembers.leftAt)),
    )
    .then((r) => r[0]?.role)
}

/** Owners and admins run an organisation's listings, challenges and money. */
export async function managesOrg(tx: Tx, orgId: string, userId: string): Promise<boolean> {
  const role = await roleInOrg(tx, orgId, userId)
  return role === 'owner' || role === 'admin'
}
