// Where a person stands on a payment's 发票 (the side that asks, the side that issues), and the
// reads built on it: the request page of one payment, the issuer's inbox, and who may download
// an issued invoice. The use cases decide with the same functions, so pages and guards agree.
import { and, asc, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { db, type Tx } from '../../../db/client.server.ts'
import { isUuid } from '../../../db/ids.ts'
import {
  fapiaoRequests,
  feeSchedules,
  organisations,
  orgMembers,
  payments,
  platformAdmins,
  quotes,
  users,
} from '../../../db/schema/index.ts'
import { adminRolesAllow, checkOrgPermission } from '../accounts/permissions.ts'
import { fapiaoMachine, type FapiaoStatus } from './fapiao.machine.ts'
import { fapiaoIssuers, type FapiaoIssuer } from './fapiao.schema.ts'
import type { PaymentStatus } from './payment.machine.ts'
import type { FeeMode } from './payments.schema.ts'
import { DEPOSIT_KIND } from './stripe/routing.ts'

/** Only money that has come in can be invoiced: a 发票 for an unpaid sum would be a false one. */
export const invoiceablePaymentStates: readonly PaymentStatus[] = ['held', 'settled']

/** A request still counts (blocks another for the same 发票) until it is rejected or withdrawn. */
export const liveFapiaoStates: readonly FapiaoStatus[] = ['requested', 'issued']

export type FapiaoRole = (typeof fapiaoMachine.transitions)[number]['actors'][number]
export type FapiaoSide = 'payer' | 'payee'

/** The sides of a payment a person speaks for, and whether they issue the platform's 发票. */
export type Standing = { payer: boolean; payee: boolean; platform: boolean }

type Parties = {
  payerUserId: string
  payerOrgId: string | null
  payeeUserId: string | null
  payeeOrgId: string | null
}

/**
 * The payer side is the paying person or anyone who may act for the paying organisation; the
 * payee side is the paid person or whoever manages the paid organisation's finances (they issue
 * its 发票 and ask for the platform's); the platform is its finance admins.
 */
export async function standingOf(tx: Tx, userId: string, payment: Parties): Promise<Standing> {
  const orgIds = [payment.payerOrgId, payment.payeeOrgId].filter((id): id is string => !!id)
  const memberships = orgIds.length
    ? await tx
        .select({
          orgId: orgMembers.orgId,
          role: orgMembers.role,
          orgStatus: organisations.status,
          orgType: organisations.type,
        })
        .from(orgMembers)
        .innerJoin(organisations, eq(organisations.id, orgMembers.orgId))
        .where(
          and(
            eq(orgMembers.userId, userId),
            isNull(orgMembers.leftAt),
            inArray(orgMembers.orgId, orgIds),
          ),
        )
    : []
  const admin = await tx
    .select({ roles: platformAdmins.roles })
    .from(platformAdmins)
    .where(eq(platformAdmins.userId, userId))
    .then((r) => r[0])
  const allows = (orgId: string | null, permission: 'act:org:own' | 'manage:finance:own') =>
    memberships.some((m) => m.orgId === orgId && checkOrgPermission(m, permission) === null)
  return {
    payer: payment.payerUserId === userId || allows(payment.payerOrgId, 'act:org:own'),
    payee: payment.payeeUserId === userId || allows(payment.payeeOrgId, 'manage:finance:own'),
    platform: adminRolesAllow(admin?.roles ?? [], 'manage:payment:any'),
  }
}

/** The fee's 发票 goes to whoever bore the fee: the payer when it was added, the payee when deducted. */
export function requesterSide(issuer: FapiaoIssuer, mode: FeeMode): FapiaoSide {
  return issuer === 'payee' || mode === 'added' ? 'payer' : 'payee'
}

/** The machine's actors a person is on one request. */
export function rolesOn(standing: Standing, issuer: FapiaoIssuer, mode: FeeMode): FapiaoRole[] {
  const roles: FapiaoRole[] = []
  if (standing[requesterSide(issuer, mode)]) roles.push('requester')
  if (issuer === 'payee' ? standing.payee : standing.platform) roles.push('issuer')
  return roles
}

/** The 发票 a person's side may ask for on a payment, with their amounts (nothing for a zero fee). */
export function requestableIssuers(
  standing: Standing,
  quote: { subtotalFen: number; feeFen: number },
  mode: FeeMode,
  payment: { businessKind: string },
): { issuer: FapiaoIssuer; amountFen: number }[] {
  // A deposit is the payer's own money, held and returned: nothing was sold, nothing to invoice.
  if (payment.businessKind === DEPOSIT_KIND) return []
  return fapiaoIssuers
    .filter((issuer) => standing[requesterSide(issuer, mode)])
    .map((issuer) => ({
      issuer,
      amountFen: issuer === 'payee' ? quote.subtotalFen : quote.feeFen,
    }))
    .filter((o) => o.amountFen > 0)
}

/** One request with its payment and the payment's fee mode. */
export async function loadFapiaoRequest(tx: Tx, requestId: string) {
  if (!isUuid(requestId)) return undefined
  return tx
    .select({ request: fapiaoRequests, payment: payments, mode: feeSchedules.mode })
    .from(fapiaoRequests)
    .innerJoin(payments, eq(payments.id, fapiaoRequests.paymentId))
    .innerJoin(quotes, eq(quotes.id, payments.quoteId))
    .innerJoin(feeSchedules, eq(feeSchedules.id, quotes.feeScheduleId))
    .where(eq(fapiaoRequests.id, requestId))
    .then((r) => r[0])
}

/** An issued invoice is for the side that asked for it and the side that issued it. */
export async function canReadFapiao(userId: string, uploadId: string): Promise<boolean> {
  if (!isUuid(uploadId)) return false
  const found = await db()
    .select({ id: fapiaoRequests.id })
    .from(fapiaoRequests)
    .where(eq(fapiaoRequests.invoiceUploadId, uploadId))
    .limit(1)
    .then((r) => r[0])
  if (!found) return false
  const loaded = await loadFapiaoRequest(db(), found.id)
  if (!loaded) return false
  const standing = await standingOf(db(), userId, loaded.payment)
  return rolesOn(standing, loaded.request.issuer, loaded.mode).length > 0
}

const payerOrg = alias(organisations, 'payer_org')
const payerUser = alias(users, 'payer_user')
const payeeOrg = alias(organisations, 'payee_org')
const payeeUser = alias(users, 'payee_user')

const partyNames = {
  payerName: sql<string>`coalesce(${payerOrg.name}, ${payerUser.name})`,
  payeeName: sql<string>`coalesce(${payeeOrg.name}, ${payeeUser.name}, '')`,
}

const requestColumns = {
  id: fapiaoRequests.id,
  paymentId: fapiaoRequests.paymentId,
  issuer: fapiaoRequests.issuer,
  amountFen: fapiaoRequests.amountFen,
  type: fapiaoRequests.type,
  title: fapiaoRequests.title,
  taxId: fapiaoRequests.taxId,
  address: fapiaoRequests.address,
  phone: fapiaoRequests.phone,
  bankName: fapiaoRequests.bankName,
  bankAccount: fapiaoRequests.bankAccount,
  email: fapiaoRequests.email,
  status: fapiaoRequests.status,
  invoiceNumber: fapiaoRequests.invoiceNumber,
  invoiceUploadId: fapiaoRequests.invoiceUploadId,
  rejectionReason: fapiaoRequests.rejectionReason,
  createdAt: fapiaoRequests.createdAt,
  decidedAt: fapiaoRequests.decidedAt,
}

/**
 * The request page of one payment for the side that asks: the payment, the 发票 this person may
 * still ask for, the requests of their side, and what to fill the form with. Null for anyone
 * who speaks for neither side, who is not told the payment exists.
 */
export async function paymentFapiaoPage(paymentId: string, userId: string) {
  if (!isUuid(paymentId)) return null
  const row = await db()
    .select({
      payment: payments,
      subtotalFen: quotes.subtotalFen,
      feeFen: quotes.feeFen,
      mode: feeSchedules.mode,
      ...partyNames,
      payerOrgName: payerOrg.name,
      payerOrgUscc: payerOrg.uscc,
      payeeOrgName: payeeOrg.name,
      payeeOrgUscc: payeeOrg.uscc,
    })
    .from(payments)
    .innerJoin(quotes, eq(quotes.id, payments.quoteId))
    .innerJoin(feeSchedules, eq(feeSchedules.id, quotes.feeScheduleId))
    .innerJoin(payerUser, eq(payerUser.id, payments.payerUserId))
    .leftJoin(payerOrg, eq(payerOrg.id, payments.payerOrgId))
    .leftJoin(payeeOrg, eq(payeeOrg.id, payments.payeeOrgId))
    .leftJoin(payeeUser, eq(payeeUser.id, payments.payeeUserId))
    .where(eq(payments.id, paymentId))
    .then((r) => r[0])
  if (!row) return null
  const standing = await standingOf(db(), userId, row.payment)
  if (!standing.payer && !standing.payee) return null
  const me = await db()
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId))
    .then((r) => r[0])
  const all = await db()
    .select(requestColumns)
    .from(fapiaoRequests)
    .where(eq(fapiaoRequests.paymentId, paymentId))
    .orderBy(desc(fapiaoRequests.createdAt), desc(fapiaoRequests.id))
  const mine = all.filter((r) => rolesOn(standing, r.issuer, row.mode).includes('requester'))
  const options = requestableIssuers(standing, row, row.mode, row.payment).map((o) => ({
    ...o,
    taken: mine.some((r) => r.issuer === o.issuer && liveFapiaoStates.includes(r.status)),
  }))
  // The form starts with the invoiced party's registered name and code, which is what most
  // organisations put on a 发票; a person starts with their own name.
  const side = options[0] ? requesterSide(options[0].issuer, row.mode) : 'payer'
  const org =
    side === 'payer'
      ? { name: row.payerOrgName, uscc: row.payerOrgUscc }
      : { name: row.payeeOrgName, uscc: row.payeeOrgUscc }
  const p = row.payment
  return {
    payment: {
      id: p.id,
      reference: p.reference,
      description: p.description,
      status: p.status,
      currency: p.currency,
      amountFen: p.amountFen,
      payerName: row.payerName,
      payeeName: row.payeeName,
    },
    invoiceable: invoiceablePaymentStates.includes(p.status),
    standing: { payer: standing.payer, payee: standing.payee },
    options,
    requests: mine.map((r) => ({
      ...r,
      canWithdraw: r.status === 'requested',
    })),
    defaults: {
      title: org.name ?? me?.name ?? '',
      taxId: org.uscc ?? '',
      email: me?.email ?? '',
    },
  }
}

/**
 * The issuer's inbox: 发票 asked of the organisations whose finances this person manages, of
 * them as a paid person, and of the platform when they are a finance admin. Open requests
 * oldest first (first asked, first issued), then the latest decided ones.
 */
export async function issuerInbox(userId: string, doneLimit = 50) {
  const memberships = await db()
    .select({
      orgId: orgMembers.orgId,
      name: organisations.name,
      role: orgMembers.role,
      orgStatus: organisations.status,
      orgType: organisations.type,
    })
    .from(orgMembers)
    .innerJoin(organisations, eq(organisations.id, orgMembers.orgId))
    .where(and(eq(orgMembers.userId, userId), isNull(orgMembers.leftAt)))
    .orderBy(asc(organisations.name))
  const financeOrgs = memberships.filter(
    (m) => checkOrgPermission(m, 'manage:finance:own') === null,
  )
  const admin = await db()
    .select({ roles: platformAdmins.roles })
    .from(platformAdmins)
    .where(eq(platformAdmins.userId, userId))
    .then((r) => r[0])
  const platform = adminRolesAllow(admin?.roles ?? [], 'manage:payment:any')
  const orgIds = financeOrgs.map((m) => m.orgId)
  const scope = or(
    and(
      eq(fapiaoRequests.issuer, 'payee'),
      or(
        eq(payments.payeeUserId, userId),
        orgIds.length ? inArray(payments.payeeOrgId, orgIds) : undefined,
      ),
    ),
    platform ? eq(fapiaoRequests.issuer, 'platform') : undefined,
  )
  const requester = alias(users, 'requester')
  const base = () =>
    db()
      .select({
        ...requestColumns,
        paymentReference: payments.reference,
        paymentDescription: payments.description,
        currency: payments.currency,
        ...partyNames,
        requesterName: requester.name,
      })
      .from(fapiaoRequests)
      .innerJoin(payments, eq(payments.id, fapiaoRequests.paymentId))
      .innerJoin(payerUser, eq(payerUser.id, payments.payerUserId))
      .leftJoin(payerOrg, eq(payerOrg.id, payments.payerOrgId))
      .leftJoin(payeeOrg, eq(payeeOrg.id, payments.payeeOrgId))
      .leftJoin(payeeUser, eq(payeeUser.id, payments.payeeUserId))
      .innerJoin(requester, eq(requester.id, fapiaoRequests.requestedByUserId))
  const [pending, done] = await Promise.all([
    base()
      .where(and(scope, eq(fapiaoRequests.status, 'requested')))
      .orderBy(asc(fapiaoRequests.createdAt), asc(fapiaoRequests.id)),
    base()
      .where(and(scope, ne(fapiaoRequests.status, 'requested')))
      .orderBy(sql`${fapiaoRequests.decidedAt} desc nulls last`, desc(fapiaoRequests.createdAt))
      .limit(doneLimit),
  ])
  return {
    pending,
    done,
    scope: { orgs: financeOrgs.map((m) => m.name), platform },
  }
}
