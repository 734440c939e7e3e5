// An organisation's NDA texts (versioned: a changed text is a new row, so every acceptance keeps
// naming the words it accepted) and a reader's acceptance of a challenge's NDA, recorded with
// the time, the version and the IP it came from.
import { and, desc, eq } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { challenges, ndaAcceptances, ndaTexts } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { UserError } from '../problems.ts'
import { isPosterMember } from './challenge-access.server.ts'

export async function latestNda(tx: Tx, orgId: string) {
  return tx
    .select()
    .from(ndaTexts)
    .where(eq(ndaTexts.orgId, orgId))
    .orderBy(desc(ndaTexts.version))
    .limit(1)
    .then((r) => r[0] ?? null)
}

/** The organisation's NDA row for this text: the latest when unchanged, else a new version. */
export async function ndaTextFor(
  tx: Tx,
  input: { orgId: string; userId: string; title: string; body: string },
): Promise<string> {
  const latest = await latestNda(tx, input.orgId)
  if (latest && latest.title === input.title && latest.body === input.body) return latest.id
  const [row] = await tx
    .insert(ndaTexts)
    .values({
      orgId: input.orgId,
      version: (latest?.version ?? 0) + 1,
      title: input.title,
      body: input.body,
      createdByUserId: input.userId,
      createdAt: now(),
    })
    .returning({ id: ndaTexts.id })
  if (!row) throw new Error('nda text not stored')
  return row.id
}

/** Records that the person accepted the NDA the challenge names now; accepting twice is one row. */
export async function acceptNda(input: {
  challengeId: string
  userId: string
  ndaTextId: string
  ip: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const challenge = await tx
      .select()
      .from(challenges)
      .where(eq(challenges.id, input.challengeId))
      .then((r) => r[0])
    if (!challenge || challenge.status === 'draft')
      throw new UserError('challenges:errors.notFound')
    if (challenge.confidentiality !== 'nda' || !challenge.ndaTextId) return
    // The form names the version the reader saw; an NDA changed meanwhile must be read again.
    if (challenge.ndaTextId !== input.ndaTextId) throw new UserError('challenges:errors.ndaChanged')
    if (await isPosterMember(tx, challenge, input.userId)) return
    const text = await tx
      .select({ version: ndaTexts.version })
      .from(ndaTexts)
      .where(and(eq(ndaTexts.id, challenge.ndaTextId), eq(ndaTexts.orgId, challenge.orgId)))
      .then((r) => r[0])
    if (!text) throw new Error('nda text missing')
    await tx
      .insert(ndaAcceptances)
      .values({
        challengeId: challenge.id,
        userId: input.userId,
        ndaTextId: challenge.ndaTextId,
        ndaVersion: text.version,
        ip: input.ip,
        acceptedAt: now(),
      })
      .onConflictDoNothing()
  })
}
