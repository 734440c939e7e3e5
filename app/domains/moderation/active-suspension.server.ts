// Whether a person is suspended right now: asked when a session starts (every way of logging in
// creates one) and, through `suspendedNow`, by every signed-in request's auth statement
// (auth.server.ts), so a suspended person is signed out everywhere.
import { and, eq } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { userSuspensions } from '../../../db/schema/index.ts'

/** The condition on user_suspensions for a person's suspension in force. */
export function suspendedNow(userId: string) {
  return and(eq(userSuspensions.userId, userId), eq(userSuspensions.status, 'active'))
}

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
    .where(suspendedNow(userId))
    .then((r) => r[0])
  return row ?? null
}
