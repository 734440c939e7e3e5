// Whether a person is suspended right now: asked when a session starts (every way of logging in
// creates one) and on every request, so a suspended person is signed out everywhere.
import { and, eq } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { userSuspensions } from '../../../db/schema/index.ts'

export async function activeSuspensionOf(
  tx: Tx,
  userId: string,
): Promise<{ id: string; reason: string; imposedAt: Date } | null> {
  const row = await tx
    .select({
      id: userSuspensions.id,
      reason: userSuspensions.reason,
      imposedAt: userSuspensions.imposedAt,
    })
    .from(userSuspensions)
    .where(and(eq(userSuspensions.userId, userId), eq(userSuspensions.status, 'active')))
    .then((r) => r[0])
  return row ?? null
}
