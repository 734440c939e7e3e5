// The one vocabulary of permissions, `action:entity:scope`, and who holds which. Guards in
// auth.server.ts enforce it; UI helpers read it only to hide controls.
import type { OrgRole, OrgType } from '../orgs/org.schema.ts'

export const adminRoles = ['verifier', 'finance', 'moderator'] as const
export type AdminRole = (typeof adminRoles)[number]

export const orgPermissions = [
  'act:org:own', // book, bid, commit for the organisation
  'manage:org:own',
  'invite:member:own',
  'transfer:ownership:own',
  'post:challenge:own',
  'list:equipment:own',
  'raise:money:own',
  'create:space:own',
  'manage:space:own',
  'manage:finance:own', // payout account, payments received, 发票 to issue
] as const
export type OrgPermission = (typeof orgPermissions)[number]

export const adminPermissions = [
  'view:admin:any',
  'verify:org:any',
  'decide:claim:any',
  'view:document:any',
  'view:user:any',
  'view:audit:any',
  'moderate:org:any',
  'view:payment:any',
  'manage:payment:any', // record transfers, approve, instruct the custody bank, fee schedules
  'verify:investor:any', // decide 合格投资者 applications, read their evidence (logged)
  'verify:campaign:any', // verify a funded campaign's signed agreement and 工商变更, withdraw campaigns
  'verify:space:any', // check a space's declared 备案 (filing) and its 文号
  'moderate:content:any', // hide a listing, challenge or campaign with a reason, and lift it
  'moderate:user:any', // suspend a user and reinstate them
] as const
export type AdminPermission = (typeof adminPermissions)[number]
export type Permission = OrgPermission | AdminPermission

const byOrgRole: Record<OrgRole, readonly OrgPermission[]> = {
  owner: orgPermissions,
  admin: orgPermissions.filter((p) => p !== 'transfer:ownership:own'),
  member: ['act:org:own'],
}

const byAdminRole: Record<AdminRole, readonly AdminPermission[]> = {
  verifier: [
    'view:admin:any',
    'verify:org:any',
    'decide:claim:any',
    'view:document:any',
    'view:user:any',
    'view:audit:any',
    'verify:investor:any',
    'verify:campaign:any',
    'verify:space:any',
  ],
  finance: [
    'view:admin:any',
    'view:user:any',
    'view:audit:any',
    'view:payment:any',
    'manage:payment:any',
  ],
  moderator: [
    'view:admin:any',
    'moderate:org:any',
    'view:user:any',
    'view:audit:any',
    'view:document:any',
    'moderate:content:any',
    'moderate:user:any',
  ],
}

/** Only verified organisations may post challenges, list equipment, raise money or run spaces. */
export const verifiedOnly: ReadonlySet<OrgPermission> = new Set([
  'post:challenge:own',
  'list:equipment:own',
  'raise:money:own',
  'create:space:own',
  'manage:space:own',
])

/** Which kinds of organisation may do what at all (an investment firm runs no space). */
const byOrgType: Partial<Record<OrgPermission, readonly OrgType[]>> = {
  'create:space:own': ['space_operator', 'enterprise', 'institute', 'university'],
  'raise:money:own': ['startup'],
}

export function orgRoleAllows(role: OrgRole, permission: OrgPermission): boolean {
  return byOrgRole[role].includes(permission)
}

export function adminRolesAllow(roles: readonly string[], permission: AdminPermission): boolean {
  return roles.some((r) => (byAdminRole[r as AdminRole] ?? []).includes(permission))
}

export type OrgDenial = 'role' | 'unverified' | 'org-type'

export function checkOrgPermission(
  member: { role: OrgRole; orgStatus: string; orgType: OrgType },
  permission: OrgPermission,
): OrgDenial | null {
  if (!orgRoleAllows(member.role, permission)) return 'role'
  const types = byOrgType[permission]
  if (types && !types.includes(member.orgType)) return 'org-type'
  if (verifiedOnly.has(permission) && member.orgStatus !== 'verified') return 'unverified'
  return null
}
