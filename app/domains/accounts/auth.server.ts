// Who is asking, and the guards that throw responses when they may not. The acting party (the
// person alone, or one of their organisations) is explicit and checked on every use.
import { redirect } from '@remix-run/node'
import { sql } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import {
  organisations,
  orgMembers,
  platformAdmins,
  userSuspensions,
} from '../../../db/schema/index.ts'
import { suspendedNow } from '../moderation/active-suspension.server.ts'
import { now } from '../../clock.server.ts'
import type { OrgRole, OrgType } from '../orgs/org.schema.ts'
import {
  adminRolesAllow,
  checkOrgPermission,
  type AdminPermission,
  type OrgPermission,
} from './permissions.ts'
import {
  readSessionToken,
  STEP_UP_MS,
  validateSessionToken,
  type CurrentSession,
  type SessionUser,
} from './session.server.ts'

export type Membership = {
  orgId: string
  slug: string
  name: string
  role: OrgRole
  orgStatus: string
  orgType: OrgType
}
export type Auth = {
  session: CurrentSession
  user: SessionUser
  memberships: Membership[]
  adminRoles: string[]
}

const cache = new WeakMap<Request, Promise<Auth | null>>()

export function getAuth(request: Request): Promise<Auth | null> {
  let pending = cache.get(request)
  if (!pending) {
    pending = loadAuth(request)
    cache.set(request, pending)
  }
  return pending
}

async function loadAuth(request: Request): Promise<Auth | null> {
  const token = readSessionToken(request)
  if (!token) return null
  const found = await validateSessionToken(token)
  if (!found) return null
  // Memberships, admin roles and suspension in one statement: every signed-in request asks.
  const userId = found.user.id
  const [row] = (await db().execute(sql`
    select
      coalesce((
        select json_agg(json_build_object(
          'orgId', ${organisations.id}, 'slug', ${organisations.slug},
          'name', ${organisations.name}, 'role', ${orgMembers.role},
          'orgStatus', ${organisations.status}, 'orgType', ${organisations.type}
        ) order by ${organisations.name})
        from ${orgMembers} join ${organisations} on ${organisations.id} = ${orgMembers.orgId}
        where ${orgMembers.userId} = ${userId} and ${orgMembers.leftAt} is null
      ), '[]'::json) as memberships,
      (select ${platformAdmins.roles} from ${platformAdmins}
        where ${platformAdmins.userId} = ${userId}) as admin_roles,
      exists (select 1 from ${userSuspensions} where ${suspendedNow(userId)}) as suspended`)) as unknown as {
    memberships: Membership[]
    admin_roles: string[] | null
    suspended: boolean
  }[]
  // A suspended person is signed out, whatever session they still hold.
  if (!row || row.suspended) return null
  return { ...found, memberships: row.memberships, adminRoles: row.admin_roles ?? [] }
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url)
  const to = `${url.pathname}${url.search}`
  return redirect(`/login?redirectTo=${encodeURIComponent(to)}`)
}

export async function requireAuth(request: Request): Promise<Auth> {
  const auth = await getAuth(request)
  if (!auth) throw loginRedirect(request)
  return auth
}

/** A member: signed in with a verified e-mail (or mobile). */
export async function requireMember(request: Request): Promise<Auth> {
  const auth = await requireAuth(request)
  if (!auth.user.emailVerified) throw redirect('/verify-email')
  return auth
}

export async function requireAdmin(
  request: Request,
  permission: AdminPermission = 'view:admin:any',
): Promise<Auth> {
  const auth = await requireAuth(request)
  if (!adminRolesAllow(auth.adminRoles, permission)) throw forbidden()
  return auth
}

/** Sensitive actions need the password entered within the last 30 minutes. */
export async function requireRecentAuth(request: Request): Promise<Auth> {
  const auth = await requireMember(request)
  if (now().getTime() - auth.session.reauthenticatedAt.getTime() > STEP_UP_MS) {
    const url = new URL(request.url)
    throw redirect(`/confirm-password?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  }
  return auth
}

export function membershipOf(auth: Auth, orgId: string): Membership | undefined {
  return auth.memberships.find((m) => m.orgId === orgId)
}

export async function requireOrgPermission(
  request: Request,
  orgId: string,
  permission: OrgPermission,
): Promise<{ auth: Auth; membership: Membership }> {
  const auth = await requireMember(request)
  const membership = membershipOf(auth, orgId)
  // Outsiders learn nothing of what the organisation keeps: the same 404 as a missing id
  // (docs/decisions/0021). Its own members without the right are told so.
  if (!membership) throw notFound()
  const denial = checkOrgPermission(membership, permission)
  if (denial) throw forbidden(denial === 'unverified' ? 'org-unverified' : 'forbidden')
  return { auth, membership }
}

export type ActingParty =
  { kind: 'person'; userId: string } | { kind: 'org'; userId: string; orgId: string; role: OrgRole }

/** The party this session acts for; an organisation the person has since left falls back to the person. */
export function actingParty(auth: Auth): ActingParty {
  const m = auth.session.actingOrgId ? membershipOf(auth, auth.session.actingOrgId) : undefined
  return m
    ? { kind: 'org', userId: auth.user.id, orgId: m.orgId, role: m.role }
    : { kind: 'person', userId: auth.user.id }
}

export function forbidden(reason: 'forbidden' | 'org-unverified' = 'forbidden'): Response {
  return new Response(reason, { status: 403, statusText: reason })
}

export function notFound(): Response {
  return new Response('not found', { status: 404 })
}
