// Data factories shared by the demo seed and the tests. They write rows directly (no use cases)
// and reuse one precomputed Argon2id hash, so thousands of users seed in seconds.
import crypto from 'node:crypto'
import type { Tx } from '../../db/client.server.ts'
import {
  orgMembers,
  organisations,
  platformAdmins,
  spaceMembershipEvents,
  spaceMemberships,
  spaces,
  users,
} from '../../db/schema/index.ts'
import { makeUscc } from '../../app/domains/orgs/uscc.ts'
import type { OrgRole, OrgType } from '../../app/domains/orgs/org.schema.ts'
import type { Stage } from '../../app/domains/spaces/membership.machine.ts'
import type { FilingStatus, SpaceKind } from '../../app/domains/spaces/space.schema.ts'
import type { FilingCheck } from '../../app/domains/spaces/filing.machine.ts'
import type { AdminRole } from '../../app/domains/accounts/permissions.ts'

/** The password every factory-made account has. */
export const FACTORY_PASSWORD = 'zhongchuang-demo-2026'
/** Argon2id (19 MiB, t=2, p=1) of FACTORY_PASSWORD, computed once. */
export const FACTORY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$YUPxRs8bfP+ZFwPe7t8mbg$kwP7jExdXgoQq5QpY9qf9HQw/Uwn+UsK9s+9/RxeN5Y'

// Consecutive numbers from a random start: unique within one module load (a random number per
// call would collide by the birthday rule within a few hundred calls), and loads that share a
// database (test files, a benchmark) start far apart.
let sequence = Math.floor(Math.random() * 90_000_000)
const next = () => ++sequence

export async function createUser(
  tx: Tx,
  overrides: Partial<{
    email: string
    name: string
    verified: boolean
    locale: string
    passwordHash: string
    createdAt: Date
  }> = {},
) {
  const n = next()
  const at = overrides.createdAt ?? new Date()
  const [user] = await tx
    .insert(users)
    .values({
      email: (overrides.email ?? `user${n}@example.test`).toLowerCase(),
      name: overrides.name ?? `测试用户${n}`,
      passwordHash: overrides.passwordHash ?? FACTORY_PASSWORD_HASH,
      emailVerifiedAt: overrides.verified === false ? null : at,
      locale: overrides.locale ?? 'zh-CN',
      createdAt: at,
    })
    .returning()
  if (!user) throw new Error('user not created')
  return user
}

export async function makeAdmin(
  tx: Tx,
  userId: string,
  roles: readonly AdminRole[] = ['verifier', 'finance', 'moderator'],
) {
  await tx
    .insert(platformAdmins)
    .values({ userId, roles: [...roles], createdAt: new Date() })
    .onConflictDoUpdate({
      target: platformAdmins.userId,
      set: { roles: [...roles] },
    })
}

export async function createOrg(
  tx: Tx,
  input: Partial<{
    slug: string
    type: OrgType
    name: string
    nameEn: string
    uscc: string
    city: string
    segments: readonly string[]
    description: string
    verified: boolean
    ownerId: string
  }> = {},
) {
  const n = next()
  const at = new Date()
  const uscc = input.uscc ?? makeUscc(n % 99_999_999)
  const [org] = await tx
    .insert(organisations)
    .values({
      slug: input.slug ?? `org-${uscc.toLowerCase()}`,
      type: input.type ?? 'startup',
      name: input.name ?? `测试科技有限公司${n}`,
      nameEn: input.nameEn ?? null,
      uscc,
      city: input.city ?? '苏州',
      segments: [...(input.segments ?? ['3.6'])],
      description: input.description ?? '',
      status: input.verified === false ? 'pending' : 'verified',
      verifiedAt: input.verified === false ? null : at,
      createdByUserId: input.ownerId ?? null,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
  if (!org) throw new Error('org not created')
  if (input.ownerId) await addOrgMember(tx, org.id, input.ownerId, 'owner')
  return org
}

export async function addOrgMember(tx: Tx, orgId: string, userId: string, role: OrgRole) {
  await tx.insert(orgMembers).values({ orgId, userId, role, joinedAt: new Date() })
}

export async function createSpace(
  tx: Tx,
  input: {
    operatorOrgId: string
    slug?: string
    name?: string
    nameEn?: string
    segments?: readonly string[]
    city?: string
    kind?: SpaceKind
    filing?: FilingStatus
    filingReference?: string
    filingCheck?: FilingCheck
    description?: string
    services?: readonly string[]
  },
) {
  const n = next()
  const at = new Date()
  const [space] = await tx
    .insert(spaces)
    .values({
      slug: input.slug ?? `space-${n}`,
      name: input.name ?? `测试众创空间${n}`,
      nameEn: input.nameEn ?? null,
      operatorOrgId: input.operatorOrgId,
      segments: [...(input.segments ?? ['3.6'])],
      city: input.city ?? '苏州',
      kind: input.kind ?? 'incubator',
      filing: input.filing ?? 'none',
      filingReference: input.filingReference ?? null,
      filingCheck: input.filingCheck ?? 'declared',
      description: input.description ?? '',
      services: [...(input.services ?? [])],
      createdAt: at,
      updatedAt: at,
    })
    .returning()
  if (!space) throw new Error('space not created')
  return space
}

export async function admitToSpace(
  tx: Tx,
  input: { spaceId: string; orgId?: string; userId?: string; stage: Stage; admittedOn: string },
) {
  const [m] = await tx
    .insert(spaceMemberships)
    .values({
      spaceId: input.spaceId,
      memberOrgId: input.orgId ?? null,
      memberUserId: input.userId ?? null,
      stage: input.stage,
      admittedOn: input.admittedOn,
      createdAt: new Date(),
    })
    .returning()
  if (!m) throw new Error('membership not created')
  await tx.insert(spaceMembershipEvents).values({
    membershipId: m.id,
    action: 'admit',
    toStatus: 'active',
    toStage: input.stage,
    on: input.admittedOn,
    at: new Date(),
  })
  return m
}

export function randomEmail(prefix = 'user'): string {
  return `${prefix}-${crypto.randomBytes(5).toString('hex')}@example.test`
}
