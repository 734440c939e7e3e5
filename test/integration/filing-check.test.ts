// A verifier checks a space's declared 备案 and 文号: verifying or rejecting (with a note) moves
// the check, keeps the history of what was declared, tells the space's admins and is audited.
// No verifier checks a space their own organisation runs.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { auditLog, notifications, spaceFilingEvents, spaces } from '../../db/schema/index.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import { checkFiling } from '../../app/domains/spaces/filing-check.server.ts'
import { updateSpaceSettings } from '../../app/domains/spaces/space-settings.server.ts'
import * as adminSpaces from '../../app/routes/admin.spaces.tsx'
import { addOrgMember, createOrg, createSpace, createUser, makeAdmin } from '../factories/index.ts'
import { must } from '../support/must.ts'

const context = { ip: '10.0.0.12', nonce: 'test', requestId: 'test' }

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof UserError) return error.messageKey
    throw error
  }
  throw new Error('expected a refusal')
}

async function declaredSpace() {
  const owner = await createUser(db())
  const operator = await createOrg(db(), { ownerId: owner.id, type: 'space_operator' })
  const space = await createSpace(db(), { operatorOrgId: operator.id, filing: 'provincial' })
  await db()
    .update(spaces)
    .set({ filingReference: '苏科高〔2025〕88号' })
    .where(eq(spaces.id, space.id))
  return { owner, operator, space }
}
async function verifier() {
  const user = await createUser(db())
  await makeAdmin(db(), user.id, ['verifier'])
  return user
}
const spaceOf = async (id: string) =>
  must((await db().select().from(spaces).where(eq(spaces.id, id)))[0], 'space')

describe('checking a space filing', () => {
  it('verifies a declaration, records it and tells the space admins', async () => {
    const { owner, space } = await declaredSpace()
    const admin = await verifier()
    await checkFiling({ spaceId: space.id, decision: 'verify', actorUserId: admin.id })
    expect(await spaceOf(space.id)).toMatchObject({ filingCheck: 'verified' })
    const events = await db()
      .select()
      .from(spaceFilingEvents)
      .where(eq(spaceFilingEvents.spaceId, space.id))
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      action: 'verify',
      fromStatus: 'declared',
      toStatus: 'verified',
      filing: 'provincial',
      filingReference: '苏科高〔2025〕88号',
      actorUserId: admin.id,
    })
    const told = await db()
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, owner.id), eq(notifications.kind, 'space.filingVerified')),
      )
    expect(told).toHaveLength(1)
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'verify-filing'), eq(auditLog.entityId, space.id)))
    expect(audited).toHaveLength(1)
    // Once checked, a second decision is refused until the space declares again.
    expect(
      await refusal(
        checkFiling({ spaceId: space.id, decision: 'reject', note: '重复', actorUserId: admin.id }),
      ),
    ).toBe('admin:spaces.errors.alreadyChecked')
  })

  it('rejects only with a note, which the space admins read', async () => {
    const { owner, space } = await declaredSpace()
    const admin = await verifier()
    expect(
      await refusal(checkFiling({ spaceId: space.id, decision: 'reject', actorUserId: admin.id })),
    ).toBe('admin:spaces.errors.note')
    await checkFiling({
      spaceId: space.id,
      decision: 'reject',
      note: '文号与省科技厅公布名单不符',
      actorUserId: admin.id,
    })
    expect(await spaceOf(space.id)).toMatchObject({
      filingCheck: 'rejected',
      filingCheckNote: '文号与省科技厅公布名单不符',
    })
    const told = await db()
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, owner.id), eq(notifications.kind, 'space.filingRejected')),
      )
    expect(told[0]?.params).toMatchObject({ reason: '文号与省科技厅公布名单不符' })
  })

  it('refuses a verifier from the operating organisation, and the page says so', async () => {
    const { operator, space } = await declaredSpace()
    const admin = await verifier()
    await addOrgMember(db(), operator.id, admin.id, 'admin')
    expect(
      await refusal(checkFiling({ spaceId: space.id, decision: 'verify', actorUserId: admin.id })),
    ).toBe('admin:conflict.refused')
    const { token } = await createSession(db(), admin.id)
    const page = await adminSpaces.loader({
      request: new Request('http://localhost/admin/spaces?check=declared', {
        headers: { cookie: `${sessionCookieName()}=${token}` },
      }),
      params: {},
      context,
    })
    expect(page.rows.find((r) => r.id === space.id)?.conflict).toBe(true)
  })

  it('goes back to be checked again when the space admin changes the declaration', async () => {
    const { owner, space } = await declaredSpace()
    const admin = await verifier()
    await checkFiling({ spaceId: space.id, decision: 'verify', actorUserId: admin.id })
    const settings = {
      name: '改名后的众创空间',
      description: '',
      filing: 'provincial' as const,
      filingReference: '苏科高〔2025〕88号',
    }
    const renamed = await updateSpaceSettings({
      spaceId: space.id,
      settings,
      actorUserId: owner.id,
      ip: '10.0.0.1',
    })
    expect(renamed.redeclared).toBe(false)
    expect(await spaceOf(space.id)).toMatchObject({
      name: '改名后的众创空间',
      filingCheck: 'verified',
    })
    const moved = await updateSpaceSettings({
      spaceId: space.id,
      settings: { ...settings, filing: 'national', filingReference: '国科火字〔2026〕12号' },
      actorUserId: owner.id,
      ip: '10.0.0.1',
    })
    expect(moved.redeclared).toBe(true)
    expect(await spaceOf(space.id)).toMatchObject({
      filing: 'national',
      filingReference: '国科火字〔2026〕12号',
      filingCheck: 'declared',
    })
    const last = (
      await db().select().from(spaceFilingEvents).where(eq(spaceFilingEvents.spaceId, space.id))
    ).find((e) => e.action === 'redeclare')
    expect(last).toMatchObject({ fromStatus: 'verified', toStatus: 'declared', filing: 'national' })
  })
})
