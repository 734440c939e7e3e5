// Spaces: created by a verified operator (or anchor enterprise, institute, university), and
// their members along the incubation chain. Membership is read by later marketplaces (price
// groups, challenge eligibility, figures), so it lives here with its full history.
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import {
  organisations,
  spaceMembershipEvents,
  spaceMemberships,
  spaces,
  users,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { indexLater } from '../../../search/index-later.server.ts'
import { audit } from '../admin/audit.server.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { UserError } from '../problems.ts'
import { membershipOf, type Auth } from '../accounts/auth.server.ts'
import { checkOrgPermission } from '../accounts/permissions.ts'
import { membershipMachine, type MembershipAction, type Stage } from './membership.machine.ts'
import type { FilingStatus, SpaceKind } from './space.schema.ts'

export async function createSpace(input: {
  operatorOrgId: string
  actorUserId: string
  name: string
  nameEn?: string
  slug: string
  segments: string[]
  city: string
  kind: SpaceKind
  filing: FilingStatus
  filingReference?: string
  description?: string
  services: string[]
  ip: string
}): Promise<{ slug: string }> {
  return db().transaction(async (tx) => {
    const at = now()
    const [row] = await tx
      .insert(spaces)
      .values({
        slug: input.slug,
        name: input.name,
        nameEn: input.nameEn || null,
        operatorOrgId: input.operatorOrgId,
        segments: input.segments,
        city: input.city,
        kind: input.kind,
        filing: input.filing,
        filingReference: input.filing === 'none' ? null : input.filingReference || null,
        description: input.description ?? '',
        services: input.services,
        createdAt: at,
        updatedAt: at,
      })
      .onConflictDoNothing()
      .returning({ id: spaces.id, slug: spaces.slug })
    if (!row) throw new UserError('spaces:errors.slugTaken', 'slug')
    await indexLater(tx, 'space', row.id)
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: input.operatorOrgId,
      action: 'create-space',
      entity: 'space',
      entityId: row.id,
      ip: input.ip,
    })
    return { slug: row.slug }
  })
}

export async function listSpaces(options: { limit?: number } = {}) {
  const query = db()
    .select({
      slug: spaces.slug,
      name: spaces.name,
      nameEn: spaces.nameEn,
      city: spaces.city,
      kind: spaces.kind,
      filing: spaces.filing,
      filingCheck: spaces.filingCheck,
      segments: spaces.segments,
      description: spaces.description,
      operator: organisations.name,
      members: sql<number>`(select count(*)::int from ${spaceMemberships} m where m.space_id = ${spaces.id} and m.status = 'active')`,
    })
    .from(spaces)
    .innerJoin(organisations, eq(organisations.id, spaces.operatorOrgId))
    .orderBy(asc(spaces.name))
  return options.limit === undefined ? query : query.limit(options.limit)
}

export async function getSpace(slug: string) {
  return db()
    .select({
      space: spaces,
      operator: { id: organisations.id, name: organisations.name, slug: organisations.slug },
    })
    .from(spaces)
    .innerJoin(organisations, eq(organisations.id, spaces.operatorOrgId))
    .where(eq(spaces.slug, slug))
    .then((r) => r[0])
}

export async function spaceMembers(spaceId: string, options: { includeEnded?: boolean } = {}) {
  const rows = await db()
    .select({
      id: spaceMemberships.id,
      stage: spaceMemberships.stage,
      status: spaceMemberships.status,
      admittedOn: spaceMemberships.admittedOn,
      endedOn: spaceMemberships.endedOn,
      orgName: organisations.name,
      orgSlug: organisations.slug,
      personName: users.name,
    })
    .from(spaceMemberships)
    .leftJoin(organisations, eq(organisations.id, spaceMemberships.memberOrgId))
    .leftJoin(users, eq(users.id, spaceMemberships.memberUserId))
    .where(
      options.includeEnded
        ? eq(spaceMemberships.spaceId, spaceId)
        : and(eq(spaceMemberships.spaceId, spaceId), eq(spaceMemberships.status, 'active')),
    )
    .orderBy(asc(spaceMemberships.stage), asc(spaceMemberships.admittedOn))
  return rows
}

export async function membershipHistory(membershipIds: string[]) {
  if (membershipIds.length === 0) return []
  return db()
    .select()
    .from(spaceMembershipEvents)
    .where(inArray(spaceMembershipEvents.membershipId, membershipIds))
    .orderBy(desc(spaceMembershipEvents.at))
}

/** `member` is an organisation's slug or 信用代码, or a person's e-mail. */
export async function admitMember(input: {
  spaceId: string
  actorUserId: string
  member: string
  stage: Stage
  on: string
  ip: string
}) {
  const key = input.member.trim()
  const org = await db()
    .select({ id: organisations.id })
    .from(organisations)
    .where(or(eq(organisations.slug, key.toLowerCase()), eq(organisations.uscc, key.toUpperCase())))
    .then((r) => r[0])
  const person = org
    ? undefined
    : await db()
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.email, key.toLowerCase()), isNull(users.deletedAt)))
        .then((r) => r[0])
  if (!org && !person) throw new UserError('spaces:errors.memberUnknown', 'member')
  await db().transaction(async (tx) => {
    const [row] = await tx
      .insert(spaceMemberships)
      .values({
        spaceId: input.spaceId,
        memberOrgId: org?.id ?? null,
        memberUserId: person?.id ?? null,
        stage: input.stage,
        status: 'active',
        admittedOn: input.on,
        createdAt: now(),
      })
      .onConflictDoNothing()
      .returning({ id: spaceMemberships.id })
    if (!row) throw new UserError('spaces:errors.alreadyMember', 'member')
    await tx.insert(spaceMembershipEvents).values({
      membershipId: row.id,
      action: 'admit',
      fromStatus: null,
      toStatus: 'active',
      fromStage: null,
      toStage: input.stage,
      on: input.on,
      actorUserId: input.actorUserId,
      at: now(),
    })
    await touchForSearch(tx, input.spaceId, org?.id ?? null)
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'admit-member',
      entity: 'space',
      entityId: input.spaceId,
      data: { membershipId: row.id },
      ip: input.ip,
    })
    const space = await tx
      .select({ name: spaces.name, slug: spaces.slug })
      .from(spaces)
      .where(eq(spaces.id, input.spaceId))
      .then((r) => r[0])
    await notifyParty(tx, {
      userId: person?.id,
      orgId: org?.id,
      orgRoles: ['owner'],
      kind: 'space.admitted',
      params: { spaceName: space?.name ?? '', stage: input.stage },
      link: `/spaces/${space?.slug ?? ''}`,
    })
  })
}

/**
 * A membership change alters the space's member count and the member's spaces in search:
 * both rows get a new version and are re-indexed.
 */
async function touchForSearch(tx: Tx, spaceId: string, memberOrgId: string | null): Promise<void> {
  const at = now()
  await tx.update(spaces).set({ updatedAt: at }).where(eq(spaces.id, spaceId))
  await indexLater(tx, 'space', spaceId)
  if (memberOrgId) {
    await tx.update(organisations).set({ updatedAt: at }).where(eq(organisations.id, memberOrgId))
    await indexLater(tx, 'organisation', memberOrgId)
  }
}

export async function changeMembership(input: {
  spaceId: string
  membershipId: string
  action: MembershipAction
  stage?: Stage
  on: string
  note?: string
  actorUserId: string
  actorRoles: readonly ('space-admin' | 'member')[]
  ip: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const m = await tx
      .select()
      .from(spaceMemberships)
      .where(
        and(
          eq(spaceMemberships.id, input.membershipId),
          eq(spaceMemberships.spaceId, input.spaceId),
        ),
      )
      .then((r) => r[0])
    if (!m) throw new UserError('spaces:errors.memberUnknown')
    const toStage = input.action === 'move' ? input.stage : m.stage
    if (!toStage || (input.action === 'move' && toStage === m.stage))
      throw new UserError('spaces:errors.stageSame', 'stage')
    const { from, to } = await fireTransition(tx, {
      machine: membershipMachine,
      table: spaceMemberships,
      idColumn: spaceMemberships.id,
      statusColumn: spaceMemberships.status,
      statusKey: 'status',
      id: m.id,
      action: input.action,
      actorRoles: input.actorRoles,
      set: input.action === 'move' ? { stage: toStage } : { endedOn: input.on },
    })
    await tx.insert(spaceMembershipEvents).values({
      membershipId: m.id,
      action: input.action,
      fromStatus: from,
      toStatus: to,
      fromStage: m.stage,
      toStage,
      on: input.on,
      note: input.note ?? null,
      actorUserId: input.actorUserId,
      at: now(),
    })
    await touchForSearch(tx, input.spaceId, m.memberOrgId)
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: `${input.action}-member`,
      entity: 'space',
      entityId: input.spaceId,
      data: { membershipId: m.id },
      ip: input.ip,
    })
  })
}

/** Active memberships of an organisation or person: read by price groups and eligibility. */
export async function activeMembershipsOf(party: { orgId?: string; userId?: string }) {
  const cond = party.orgId
    ? eq(spaceMemberships.memberOrgId, party.orgId)
    : party.userId
      ? eq(spaceMemberships.memberUserId, party.userId)
      : undefined
  if (!cond) return []
  return db()
    .select({
      spaceId: spaceMemberships.spaceId,
      stage: spaceMemberships.stage,
      slug: spaces.slug,
      name: spaces.name,
    })
    .from(spaceMemberships)
    .innerJoin(spaces, eq(spaces.id, spaceMemberships.spaceId))
    .where(and(cond, eq(spaceMemberships.status, 'active')))
}

/** Whether the person runs the space: an owner or admin of its operator organisation. */
export function isSpaceAdmin(auth: Auth | null, operatorOrgId: string): boolean {
  const m = auth ? membershipOf(auth, operatorOrgId) : undefined
  return m ? checkOrgPermission(m, 'manage:space:own') === null : false
}
