// Spaces and their members along the incubation chain, with the history kept.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { spaceMembershipEvents, spaceMemberships } from '../../db/schema/index.ts'
import {
  activeMembershipsOf,
  admitMember,
  changeMembership,
  createSpace as createSpaceUseCase,
} from '../../app/domains/spaces/spaces.server.ts'
import { createOrg, createSpace, createUser, randomEmail } from '../factories/index.ts'

describe('spaces', () => {
  it('refuses a second space with the same slug', async () => {
    const operator = await createOrg(db(), { type: 'space_operator' })
    const user = await createUser(db(), { email: randomEmail('op') })
    const input = {
      operatorOrgId: operator.id,
      actorUserId: user.id,
      name: '测试空间',
      slug: `s-${Date.now()}`,
      segments: ['1.5'],
      city: '深圳',
      kind: 'incubator' as const,
      filing: 'none' as const,
      services: [],
      ip: '1',
    }
    await createSpaceUseCase(input)
    await expect(createSpaceUseCase(input)).rejects.toMatchObject({
      messageKey: 'spaces:errors.slugTaken',
      field: 'slug',
    })
  })

  it('moves a startup along 苗圃 → 孵化器 → 加速器 and graduates it, keeping every step', async () => {
    const operator = await createOrg(db(), { type: 'space_operator' })
    const admin = await createUser(db(), { email: randomEmail('admin') })
    const space = await createSpace(db(), { operatorOrgId: operator.id })
    const startup = await createOrg(db(), { type: 'startup' })
    await admitMember({
      spaceId: space.id,
      actorUserId: admin.id,
      member: startup.slug,
      stage: 'nursery',
      on: '2025-01-10',
      ip: '1',
    })
    await expect(
      admitMember({
        spaceId: space.id,
        actorUserId: admin.id,
        member: startup.uscc,
        stage: 'nursery',
        on: '2025-01-11',
        ip: '1',
      }),
    ).rejects.toMatchObject({ messageKey: 'spaces:errors.alreadyMember' })
    const [m] = await db()
      .select()
      .from(spaceMemberships)
      .where(eq(spaceMemberships.memberOrgId, startup.id))
    const id = m?.id ?? ''
    const step = (
      action: 'move' | 'graduate',
      stage: 'incubator' | 'accelerator' | undefined,
      on: string,
    ) =>
      changeMembership({
        spaceId: space.id,
        membershipId: id,
        action,
        stage,
        on,
        actorUserId: admin.id,
        actorRoles: ['space-admin'],
        ip: '1',
      })
    await step('move', 'incubator', '2025-06-01')
    await expect(step('move', 'incubator', '2025-06-02')).rejects.toMatchObject({
      messageKey: 'spaces:errors.stageSame',
    })
    await step('move', 'accelerator', '2026-01-05')
    expect(await activeMembershipsOf({ orgId: startup.id })).toHaveLength(1)
    await step('graduate', undefined, '2026-09-30')
    expect(await activeMembershipsOf({ orgId: startup.id })).toHaveLength(0)
    const row = await db()
      .select()
      .from(spaceMemberships)
      .where(eq(spaceMemberships.id, id))
      .then((r) => r[0])
    expect(row).toMatchObject({ status: 'graduated', stage: 'accelerator', endedOn: '2026-09-30' })
    const history = await db()
      .select()
      .from(spaceMembershipEvents)
      .where(eq(spaceMembershipEvents.membershipId, id))
      .orderBy(spaceMembershipEvents.at)
    expect(history.map((h) => `${h.action}:${h.toStage}`)).toEqual([
      'admit:nursery',
      'move:incubator',
      'move:accelerator',
      'graduate:accelerator',
    ])
    // A graduated member can be admitted again later (a new membership).
    await admitMember({
      spaceId: space.id,
      actorUserId: admin.id,
      member: startup.slug,
      stage: 'accelerator',
      on: '2026-10-01',
      ip: '1',
    })
    expect(await activeMembershipsOf({ orgId: startup.id })).toHaveLength(1)
  })

  it('admits a maker by e-mail and refuses an unknown member', async () => {
    const operator = await createOrg(db(), { type: 'space_operator' })
    const space = await createSpace(db(), { operatorOrgId: operator.id })
    const maker = await createUser(db(), { email: randomEmail('maker') })
    await admitMember({
      spaceId: space.id,
      actorUserId: maker.id,
      member: maker.email ?? '',
      stage: 'nursery',
      on: '2026-02-01',
      ip: '1',
    })
    expect(await activeMembershipsOf({ userId: maker.id })).toHaveLength(1)
    await expect(
      admitMember({
        spaceId: space.id,
        actorUserId: maker.id,
        member: 'nobody@example.test',
        stage: 'nursery',
        on: '2026-02-01',
        ip: '1',
      }),
    ).rejects.toMatchObject({ messageKey: 'spaces:errors.memberUnknown' })
  })
})
