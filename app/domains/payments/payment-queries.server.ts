// What payers and payees see of their payments: the payer's list and one payment (how to pay,
// where it stands), and the payee's finance overview (payments received, what is owed to them,
// where it is paid out). A payment is visible to its payer, its payee and finance admins only.
import { and, desc, eq, inArray, or } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import {
  bankTransfers,
  custodyInstructions,
  feeSchedules,
  organisations,
  payments,
  payoutAccounts,
  quotes,
  stripeAccounts,
  users,
} from '../../../db/schema/index.ts'
import { notFound, type Auth } from '../accounts/auth.server.ts'
import { adminRolesAllow, checkOrgPermission } from '../accounts/permissions.ts'
import { isUuid } from '../../../db/ids.ts'
import { custodyAccount } from './custody.server.ts'
import { account, balanceOf } from './ledger.server.ts'

/** Organisations this person may pay for, and those whose finances they manage. */
const payingOrgs = (auth: Auth) =>
  auth.memberships.filter((m) => checkOrgPermission(m, 'act:org:own') === null).map((m) => m.orgId)
export const financeOrgs = (auth: Auth) =>
  auth.memberships.filter((m) => checkOrgPermission(m, 'manage:finance:own') === null)

export function roleIn(
  auth: Auth,
  p: {
    payerUserId: string
    payerOrgId: string | null
    payeeUserId: string | null
    payeeOrgId: string | null
  },
): 'payer' | 'payee' | 'finance' | null {
  if (p.payerUserId === auth.user.id || (p.payerOrgId && payingOrgs(auth).includes(p.payerOrgId)))
    return 'payer'
  if (
    p.payeeUserId === auth.user.id ||
    (p.payeeOrgId && auth.memberships.some((m) => m.orgId === p.payeeOrgId))
  )
    return 'payee'
  if (adminRolesAllow(auth.adminRoles, 'view:payment:any')) return 'finance'
  return null
}

export async function paymentsOfPayer(auth: Auth) {
  const orgs = payingOrgs(auth)
  return db()
    .select({
      id: payments.id,
      reference: payments.reference,
      description: payments.description,
      amountFen: payments.amountFen,
      currency: payments.currency,
      status: payments.status,
      provider: payments.provider,
      createdAt: payments.createdAt,
      payeeName: organisations.name,
      payeeUserName: users.name,
    })
    .from(payments)
    .leftJoin(organisations, eq(organisations.id, payments.payeeOrgId))
    .leftJoin(users, eq(users.id, payments.payeeUserId))
    .where(
      orgs.length > 0
        ? or(eq(payments.payerUserId, auth.user.id), inArray(payments.payerOrgId, orgs))
        : eq(payments.payerUserId, auth.user.id),
    )
    .orderBy(desc(payments.createdAt))
    .limit(100)
}

export async function paymentView(auth: Auth, id: string) {
  if (!isUuid(id)) throw notFound()
  const row = await db()
    .select({ payment: payments, quote: quotes, mode: feeSchedules.mode })
    .from(payments)
    .innerJoin(quotes, eq(quotes.id, payments.quoteId))
    .innerJoin(feeSchedules, eq(feeSchedules.id, quotes.feeScheduleId))
    .where(eq(payments.id, id))
    .then((r) => r[0])
  if (!row) throw notFound()
  const role = roleIn(auth, row.payment)
  if (!role) throw notFound()
  const { payment, quote, mode } = row
  const [payee, transfers, held] = await Promise.all([
    payment.payeeOrgId
      ? db()
          .select({ name: organisations.name })
          .from(organisations)
          .where(eq(organisations.id, payment.payeeOrgId))
          .then((r) => r[0]?.name ?? '')
      : db()
          .select({ name: users.name })
          .from(users)
          .where(eq(users.id, payment.payeeUserId ?? ''))
          .then((r) => r[0]?.name ?? ''),
    db()
      .select({
        status: bankTransfers.status,
        receivedOn: bankTransfers.receivedOn,
        amountFen: bankTransfers.amountFen,
      })
      .from(bankTransfers)
      .where(eq(bankTransfers.paymentId, payment.id)),
    balanceOf(db(), account.escrow(payment.id, payment.currency)),
  ])
  return {
    role,
    payment: {
      id: payment.id,
      reference: payment.reference,
      description: payment.description,
      amountFen: payment.amountFen,
      currency: payment.currency,
      status: payment.status,
      provider: payment.provider,
      createdAt: payment.createdAt,
      payeeName: payee,
    },
    quote: {
      lines: quote.lines,
      subtotalFen: quote.subtotalFen,
      feeFen: quote.feeFen,
      payerTotalFen: quote.payerTotalFen,
      payeeNetFen: quote.payeeNetFen,
      voucherFen: quote.voucherFen,
      mode,
    },
    heldFen: held,
    transfers,
    bank: payment.provider === 'bank' ? custodyAccount() : null,
  }
}

export async function financeOverview(auth: Auth) {
  const orgs = financeOrgs(auth)
  const parties = [
    {
      key: `user:${auth.user.id}`,
      name: auth.user.name,
      userId: auth.user.id,
      orgId: null as string | null,
    },
    ...orgs.map((m) => ({
      key: `org:${m.orgId}`,
      name: m.name,
      userId: null as string | null,
      orgId: m.orgId,
    })),
  ]
  const received = await db()
    .select({
      id: payments.id,
      reference: payments.reference,
      description: payments.description,
      amountFen: payments.amountFen,
      payeeNetFen: quotes.payeeNetFen,
      currency: payments.currency,
      status: payments.status,
      createdAt: payments.createdAt,
      payeeOrgId: payments.payeeOrgId,
      payeeUserId: payments.payeeUserId,
      payerName: users.name,
    })
    .from(payments)
    .innerJoin(quotes, eq(quotes.id, payments.quoteId))
    .innerJoin(users, eq(users.id, payments.payerUserId))
    .where(
      orgs.length > 0
        ? or(
            eq(payments.payeeUserId, auth.user.id),
            inArray(
              payments.payeeOrgId,
              orgs.map((o) => o.orgId),
            ),
          )
        : eq(payments.payeeUserId, auth.user.id),
    )
    .orderBy(desc(payments.createdAt))
    .limit(100)
  const result = []
  for (const party of parties) {
    const own = received.filter((r) =>
      party.orgId ? r.payeeOrgId === party.orgId : r.payeeUserId === party.userId,
    )
    // A person with nothing received and no organisation to manage has nothing to show.
    if (party.userId && own.length === 0) continue
    const ref = party.orgId ? { orgId: party.orgId } : { userId: party.userId ?? '' }
    const [owed, payout, stripe, payouts] = await Promise.all([
      balanceOf(db(), account.payable(ref, 'CNY')),
      db()
        .select()
        .from(payoutAccounts)
        .where(
          party.orgId
            ? eq(payoutAccounts.ownerOrgId, party.orgId)
            : eq(payoutAccounts.ownerUserId, party.userId ?? ''),
        )
        .then((r) => r[0] ?? null),
      db()
        .select()
        .from(stripeAccounts)
        .where(
          party.orgId
            ? eq(stripeAccounts.ownerOrgId, party.orgId)
            : eq(stripeAccounts.ownerUserId, party.userId ?? ''),
        )
        .then((r) => r[0] ?? null),
      own.length === 0
        ? Promise.resolve([])
        : db()
            .select({
              id: custodyInstructions.id,
              amountFen: custodyInstructions.amountFen,
              status: custodyInstructions.status,
              bankReference: custodyInstructions.bankReference,
              updatedAt: custodyInstructions.updatedAt,
            })
            .from(custodyInstructions)
            .where(
              and(
                eq(custodyInstructions.kind, 'release'),
                inArray(
                  custodyInstructions.paymentId,
                  own.map((o) => o.id),
                ),
              ),
            )
            .orderBy(desc(custodyInstructions.updatedAt)),
    ])
    result.push({
      key: party.key,
      name: party.name,
      orgId: party.orgId,
      owedFen: owed,
      payout: payout
        ? {
            accountName: payout.accountName,
            bankName: payout.bankName,
            accountNumber: payout.accountNumber,
          }
        : null,
      stripe: stripe
        ? {
            chargesEnabled: stripe.chargesEnabled,
            payoutsEnabled: stripe.payoutsEnabled,
            currentlyDue: stripe.currentlyDue,
          }
        : null,
      received: own.map(({ payeeOrgId: _o, payeeUserId: _u, ...r }) => r),
      payouts,
    })
  }
  return result
}
