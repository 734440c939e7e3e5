// Checking a space's declared 备案 (filing) and its 文号: a verifier verifies or rejects the
// declaration with a note, and the space's admins are told. Each step is a history row that
// keeps what was declared at the time. No verifier checks a space their own organisation runs.
import { and, asc, eq, ne, type SQL } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { organisations, spaceFilingEvents, spaces } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { adminOrgIds, assertNoConflict } from '../admin/conflict.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { UserError } from '../problems.ts'
import { filingCheckMachine, type FilingCheck } from './filing.machine.ts'

export async function checkFiling(input: {
  spaceId: string
  decision: 'verify' | 'reject'
  note?: string | null
  actorUserId: string
  ip?: string | null
}): Promise<void> {
  await db().transaction(async (tx) => {
    const space = await tx
      .select()
      .from(spaces)
      .where(eq(spaces.id, input.spaceId))
      .for('update')
      .then((r) => r[0])
    if (!space) throw new UserError('admin:spaces.errors.notFound')
    await assertNoConflict(tx, input.actorUserId, [space.operatorOrgId])
    if (space.filing === 'none') throw new UserError('admin:spaces.errors.nothingDeclared')
    if (input.decision === 'reject' && !input.note?.trim())
      throw new UserError('admin:spaces.errors.note', 'note')
    const at = now()
    let moved: { from: FilingCheck; to: FilingCheck }
    try {
      moved = await fireTransition(tx, {
        machine: filingCheckMachine,
        table: spaces,
        idColumn: spaces.id,
        statusColumn: spaces.filingCheck,
        statusKey: 'filingCheck',
        id: space.id,
        action: input.decision,
        actorRoles: ['verifier'],
        set: { filingCheckNote: input.note?.trim() || null, updatedAt: at },
      })
    } catch (error) {
      if (error instanceof TransitionError)
        throw new UserError('admin:spaces.errors.alreadyChecked')
      throw error
    }
    await tx.insert(spaceFilingEvents).values({
      spaceId: space.id,
      action: input.decision,
      fromStatus: moved.from,
      toStatus: moved.to,
      filing: space.filing,
      filingReference: space.filingReference,
      actorUserId: input.actorUserId,
      note: input.note?.trim() || null,
      at,
    })
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: `${input.decision}-filing`,
      entity: 'space',
      entityId: space.id,
      data: {
        filing: space.filing,
        filingReference: space.filingReference,
        note: input.note?.trim() || null,
      },
      ip: input.ip ?? null,
    })
    const link = `/spaces/${space.slug}`
    if (input.decision === 'verify')
      await notifyParty(tx, {
        orgId: space.operatorOrgId,
        kind: 'space.filingVerified',
        params: { spaceName: space.name },
        link,
      })
    else
      await notifyParty(tx, {
        orgId: space.operatorOrgId,
        kind: 'space.filingRejected',
        params: { spaceName: space.name, reason: input.note?.trim() ?? '' },
        link,
      })
  })
}

/** Spaces for the verifier: declared ones waiting first; `check` narrows to one check status. */
export async function filingQueue(input: { check: FilingCheck | null; adminUserId: string }) {
  const where: SQL[] = [ne(spaces.filing, 'none')]
  if (input.check) where.push(eq(spaces.filingCheck, input.check))
  const [rows, mine] = await Promise.all([
    db()
      .select({
        id: spaces.id,
        slug: spaces.slug,
        name: spaces.name,
        kind: spaces.kind,
        filing: spaces.filing,
        filingReference: spaces.filingReference,
        filingCheck: spaces.filingCheck,
        filingCheckNote: spaces.filingCheckNote,
        updatedAt: spaces.updatedAt,
        operatorId: organisations.id,
        operatorName: organisations.name,
      })
      .from(spaces)
      .innerJoin(organisations, eq(organisations.id, spaces.operatorOrgId))
      .where(and(...where))
      .orderBy(asc(spaces.filingCheck), asc(spaces.updatedAt))
      .limit(200),
    adminOrgIds(input.adminUserId),
  ])
  return rows.map((r) => ({ ...r, conflict: mine.has(r.operatorId) }))
}
