// A space admin changes the space's name, description or declared 备案 and 文号. A changed
// declaration goes back to "declared" (redeclare) so a verifier checks it again; the history
// row keeps what is now declared.
import { eq } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { spaceFilingEvents, spaces } from '../../../db/schema/index.ts'
import { indexLater } from '../../../search/index-later.server.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { UserError } from '../problems.ts'
import { filingCheckMachine } from './filing.machine.ts'
import type { SpaceSettings } from './space-settings.schema.ts'

export async function updateSpaceSettings(input: {
  spaceId: string
  settings: SpaceSettings
  actorUserId: string
  ip: string
}): Promise<{ redeclared: boolean }> {
  return db().transaction(async (tx) => {
    const space = await tx
      .select()
      .from(spaces)
      .where(eq(spaces.id, input.spaceId))
      .for('update')
      .then((r) => r[0])
    if (!space) throw new UserError('admin:spaces.errors.notFound')
    const s = input.settings
    const reference = s.filing === 'none' ? null : s.filingReference || null
    const redeclared = s.filing !== space.filing || reference !== space.filingReference
    const at = now()
    await tx
      .update(spaces)
      .set({
        name: s.name,
        description: s.description ?? '',
        filing: s.filing,
        filingReference: reference,
        updatedAt: at,
      })
      .where(eq(spaces.id, space.id))
    if (redeclared) {
      const moved = await fireTransition(tx, {
        machine: filingCheckMachine,
        table: spaces,
        idColumn: spaces.id,
        statusColumn: spaces.filingCheck,
        statusKey: 'filingCheck',
        id: space.id,
        action: 'redeclare',
        actorRoles: ['space-admin'],
        set: { filingCheckNote: null },
      })
      await tx.insert(spaceFilingEvents).values({
        spaceId: space.id,
        action: 'redeclare',
        fromStatus: moved.from,
        toStatus: moved.to,
        filing: s.filing,
        filingReference: reference,
        actorUserId: input.actorUserId,
        at,
      })
    }
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: space.operatorOrgId,
      action: 'update-space',
      entity: 'space',
      entityId: space.id,
      data: redeclared ? { filing: s.filing, filingReference: reference } : {},
      ip: input.ip,
    })
    await indexLater(tx, 'space', space.id)
    return { redeclared }
  })
}
