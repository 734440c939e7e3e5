// Read queries of the platform admin console. Each page needs a fixed, small number of queries
// (joins and correlated counts instead of one query per row); lists are paginated by 50.
import { and, asc, count, desc, eq, gte, ilike, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { db } from '../../../db/client.server.ts'
import {
  auditLog,
  claimCases,
  organisations,
  orgDocuments,
  orgMembers,
  orgStatusEvents,
  platformAdmins,
  uploads,
  users,
  userSuspensions,
} from '../../../db/schema/index.ts'
import { orgVerificationMachine, type OrgStatus } from '../orgs/org-verification.machine.ts'

export const PAGE_SIZE = 50

export { isUuid } from '../../../db/ids.ts'
import { isUuid as isUuidValue } from '../../../db/ids.ts'

export function isOrgStatus(value: unknown): value is OrgStatus {
  return (
    typeof value === 'string' &&
    (orgVerificationMachine.states as readonly string[]).includes(value)
  )
}

export type Page<T> = { rows: T[]; page: number; hasNext: boolean }

/** Fetch one row more than a page to know whether there is a next page without counting. */
function toPage<T>(rows: T[], page: number): Page<T> {
  return { rows: rows.slice(0, PAGE_SIZE), page, hasNext: rows.length > PAGE_SIZE }
}

const offsetOf = (page: number) => (page - 1) * PAGE_SIZE

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

// ——— Overview ———

export async function orgCountsByStatus(): Promise<Record<OrgStatus, number>> {
  const rows = await db()
    .select({ status: organisations.status, n: count() })
    .from(organisations)
    .groupBy(organisations.status)
  const counts = Object.fromEntries(orgVerificationMachine.states.map((s) => [s, 0])) as Record<
    OrgStatus,
    number
  >
  for (const r of rows) counts[r.status] = r.n
  return counts
}

export async function overviewCounts() {
  const [orgsByStatus, openClaims, activeUsers] = await Promise.all([
    orgCountsByStatus(),
    db()
      .select({ n: count() })
      .from(claimCases)
      .where(eq(claimCases.status, 'open'))
      .then((r) => r[0]?.n ?? 0),
    db()
      .select({ n: count() })
      .from(users)
      .where(isNull(users.deletedAt))
      .then((r) => r[0]?.n ?? 0),
  ])
  return { pendingOrgs: orgsByStatus.pending, openClaims, users: activeUsers, orgsByStatus }
}

// ——— Organisations ———

/** The queue: pending organisations oldest first; other statuses most recently changed first. */
export async function orgQueue(input: { status: OrgStatus; page: number }) {
  const rows = await db()
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      uscc: organisations.uscc,
      city: organisations.city,
      status: organisations.status,
      createdAt: organisations.createdAt,
      updatedAt: organisations.updatedAt,
      creatorName: users.name,
      creatorEmail: users.email,
      documents:
        sql<number>`(select count(*) from ${orgDocuments} where ${orgDocuments.orgId} = ${organisations.id})`.mapWith(
          Number,
        ),
    })
    .from(organisations)
    .leftJoin(users, eq(users.id, organisations.createdByUserId))
    .where(eq(organisations.status, input.status))
    .orderBy(
      input.status === 'pending' ? asc(organisations.createdAt) : desc(organisations.updatedAt),
      asc(organisations.id),
    )
    .limit(PAGE_SIZE + 1)
    .offset(offsetOf(input.page))
  return toPage(rows, input.page)
}

/** One organisation with its documents, current members and status history (four queries). */
export async function orgDetail(orgId: string) {
  const actor = alias(users, 'actor')
  const [org, documents, members, history] = await Promise.all([
    db()
      .select({
        id: organisations.id,
        slug: organisations.slug,
        type: organisations.type,
        name: organisations.name,
        nameEn: organisations.nameEn,
        uscc: organisations.uscc,
        city: organisations.city,
        segments: organisations.segments,
        description: organisations.description,
        status: organisations.status,
        rejectionReason: organisations.rejectionReason,
        verifiedAt: organisations.verifiedAt,
        createdAt: organisations.createdAt,
        creatorId: users.id,
        creatorName: users.name,
        creatorEmail: users.email,
      })
      .from(organisations)
      .leftJoin(users, eq(users.id, organisations.createdByUserId))
      .where(eq(organisations.id, orgId))
      .then((r) => r[0]),
    db()
      .select({
        id: orgDocuments.id,
        kind: orgDocuments.kind,
        uploadId: orgDocuments.uploadId,
        mime: uploads.mime,
        originalName: uploads.originalName,
        sizeBytes: uploads.sizeBytes,
        createdAt: orgDocuments.createdAt,
      })
      .from(orgDocuments)
      .innerJoin(uploads, eq(uploads.id, orgDocuments.uploadId))
      .where(eq(orgDocuments.orgId, orgId))
      .orderBy(asc(orgDocuments.createdAt), asc(orgDocuments.id)),
    db()
      .select({
        id: orgMembers.id,
        userId: users.id,
        name: users.name,
        email: users.email,
        role: orgMembers.role,
        joinedAt: orgMembers.joinedAt,
      })
      .from(orgMembers)
      .innerJoin(users, eq(users.id, orgMembers.userId))
      .where(and(eq(orgMembers.orgId, orgId), isNull(orgMembers.leftAt)))
      .orderBy(asc(orgMembers.joinedAt), asc(orgMembers.id)),
    db()
      .select({
        id: orgStatusEvents.id,
        action: orgStatusEvents.action,
        fromStatus: orgStatusEvents.fromStatus,
        toStatus: orgStatusEvents.toStatus,
        reason: orgStatusEvents.reason,
        at: orgStatusEvents.at,
        actorName: actor.name,
      })
      .from(orgStatusEvents)
      .leftJoin(actor, eq(actor.id, orgStatusEvents.actorUserId))
      .where(eq(orgStatusEvents.orgId, orgId))
      .orderBy(asc(orgStatusEvents.at), asc(orgStatusEvents.id)),
  ])
  if (!org) return null
  return { org, documents, members, history }
}

// ——— Claim cases ———

/** Claim cases: open ones first, oldest first (a queue); then decided ones, newest first. */
export async function claimList(input: { page: number }) {
  const claimant = alias(users, 'claimant')
  const decider = alias(users, 'decider')
  const rows = await db()
    .select({
      id: claimCases.id,
      status: claimCases.status,
      claimedName: claimCases.claimedName,
      message: claimCases.message,
      licenseUploadId: claimCases.licenseUploadId,
      letterUploadId: claimCases.letterUploadId,
      decisionReason: claimCases.decisionReason,
      createdAt: claimCases.createdAt,
      decidedAt: claimCases.decidedAt,
      claimantUserId: claimCases.claimantUserId,
      claimantName: claimant.name,
      claimantEmail: claimant.email,
      claimantDeleted: sql<boolean>`${claimant.deletedAt} is not null`.mapWith(Boolean),
      orgId: organisations.id,
      orgName: organisations.name,
      orgUscc: organisations.uscc,
      orgStatus: organisations.status,
      deciderName: decider.name,
    })
    .from(claimCases)
    .innerJoin(claimant, eq(claimant.id, claimCases.claimantUserId))
    .innerJoin(organisations, eq(organisations.id, claimCases.orgId))
    .leftJoin(decider, eq(decider.id, claimCases.decidedByUserId))
    .orderBy(
      sql`(${claimCases.status} <> 'open')`,
      sql`case when ${claimCases.status} = 'open' then ${claimCases.createdAt} end asc`,
      desc(claimCases.createdAt),
      asc(claimCases.id),
    )
    .limit(PAGE_SIZE + 1)
    .offset(offsetOf(input.page))
  return toPage(rows, input.page)
}

export async function findClaim(claimId: string) {
  return db()
    .select({
      id: claimCases.id,
      status: claimCases.status,
      claimantUserId: claimCases.claimantUserId,
    })
    .from(claimCases)
    .where(eq(claimCases.id, claimId))
    .then((r) => r[0])
}

// ——— Users ———

/** People, newest first; `q` matches name or e-mail (case-insensitive, as a substring). */
export async function userList(input: { q: string; page: number }) {
  const q = input.q.trim()
  let where: SQL | undefined
  if (q) {
    const pattern = `%${escapeLike(q)}%`
    where = or(ilike(users.name, pattern), ilike(users.email, pattern))
  }
  const rows = await db()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      mobile: users.mobile,
      createdAt: users.createdAt,
      deleted: sql<boolean>`${users.deletedAt} is not null`.mapWith(Boolean),
      suspended:
        sql<boolean>`exists (select 1 from ${userSuspensions} where ${userSuspensions.userId} = ${users.id} and ${userSuspensions.status} = 'active')`.mapWith(
          Boolean,
        ),
      adminRoles: platformAdmins.roles,
      orgs: sql<number>`(select count(*) from ${orgMembers} where ${orgMembers.userId} = ${users.id} and ${orgMembers.leftAt} is null)`.mapWith(
        Number,
      ),
    })
    .from(users)
    .leftJoin(platformAdmins, eq(platformAdmins.userId, users.id))
    .where(where)
    .orderBy(desc(users.createdAt), asc(users.id))
    .limit(PAGE_SIZE + 1)
    .offset(offsetOf(input.page))
  return toPage(
    rows.map((r) => ({ ...r, adminRoles: r.adminRoles ?? [] })),
    input.page,
  )
}

/** One person for the admin's user page: profile, organisations and platform roles. */
export async function userDetail(userId: string) {
  const [user, orgs] = await Promise.all([
    db()
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        emailVerifiedAt: users.emailVerifiedAt,
        mobile: users.mobile,
        createdAt: users.createdAt,
        deletedAt: users.deletedAt,
        adminRoles: platformAdmins.roles,
      })
      .from(users)
      .leftJoin(platformAdmins, eq(platformAdmins.userId, users.id))
      .where(eq(users.id, userId))
      .then((r) => r[0]),
    db()
      .select({
        orgId: organisations.id,
        name: organisations.name,
        status: organisations.status,
        role: orgMembers.role,
        joinedAt: orgMembers.joinedAt,
        leftAt: orgMembers.leftAt,
      })
      .from(orgMembers)
      .innerJoin(organisations, eq(organisations.id, orgMembers.orgId))
      .where(eq(orgMembers.userId, userId))
      .orderBy(desc(orgMembers.joinedAt)),
  ])
  if (!user) return null
  return { user: { ...user, adminRoles: user.adminRoles ?? [] }, orgs }
}

// ——— Audit log ———

export type AuditFilter = {
  action?: string | null
  entity?: string | null
  entityId?: string | null
  /** Matches the actor's e-mail or name (substring, any case). */
  actor?: string | null
  /** The acting organisation's name (substring) or id. */
  org?: string | null
  /** Beijing calendar dates, YYYY-MM-DD, both inclusive. */
  from?: string | null
  to?: string | null
  actorUserId?: string | null
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
/** The instant a Beijing calendar day starts. */
const beijingDayStart = (date: string) => new Date(`${date}T00:00:00+08:00`)

function auditWhere(f: AuditFilter): SQL | undefined {
  const where: SQL[] = []
  if (f.action) where.push(eq(auditLog.action, f.action))
  if (f.entity) where.push(eq(auditLog.entity, f.entity))
  if (f.entityId) where.push(eq(auditLog.entityId, f.entityId))
  if (f.actorUserId) where.push(eq(auditLog.actorUserId, f.actorUserId))
  if (f.actor) {
    const pattern = `%${escapeLike(f.actor)}%`
    const match = or(ilike(users.email, pattern), ilike(users.name, pattern))
    if (match) where.push(match)
  }
  if (f.org) {
    const match = isUuidValue(f.org)
      ? eq(auditLog.actingOrgId, f.org)
      : ilike(organisations.name, `%${escapeLike(f.org)}%`)
    where.push(match)
  }
  if (f.from && DATE.test(f.from)) where.push(gte(auditLog.at, beijingDayStart(f.from)))
  if (f.to && DATE.test(f.to)) {
    const end = beijingDayStart(f.to)
    end.setUTCDate(end.getUTCDate() + 1)
    where.push(lt(auditLog.at, end))
  }
  return where.length ? and(...where) : undefined
}

/** The audit log, newest first, filtered; `limit` overrides the page (the CSV export). */
export async function auditEntries(input: AuditFilter & { page: number; limit?: number }) {
  const limit = input.limit ?? PAGE_SIZE
  const rows = await db()
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      data: auditLog.data,
      ip: auditLog.ip,
      actorUserId: auditLog.actorUserId,
      actorName: users.name,
      actorEmail: users.email,
      actingOrgName: organisations.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(organisations, eq(organisations.id, auditLog.actingOrgId))
    .where(auditWhere(input))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1)
    .offset((input.page - 1) * limit)
  return { rows: rows.slice(0, limit), page: input.page, hasNext: rows.length > limit }
}

/** The distinct entity kinds recorded so far, for the filter. */
export async function auditEntities(): Promise<string[]> {
  const rows = await db()
    .selectDistinct({ entity: auditLog.entity })
    .from(auditLog)
    .orderBy(asc(auditLog.entity))
    .limit(200)
  return rows.map((r) => r.entity)
}

/** The distinct actions recorded so far, for the filter. */
export async function auditActions(): Promise<string[]> {
  const rows = await db()
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .orderBy(asc(auditLog.action))
    .limit(500)
  return rows.map((r) => r.action)
}
