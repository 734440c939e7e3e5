// The admin home's queues: what waits for a decision, by the permission that decides it. One
// count query per queue the admin may see, run together.
import { and, count, eq, ne, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { db } from '../../../db/client.server.ts'
import {
  bankTransfers,
  campaigns,
  claimCases,
  disputes,
  investorVerifications,
  moderationHolds,
  organisations,
  spaces,
  userSuspensions,
  voucherUses,
} from '../../../db/schema/index.ts'
import { adminRolesAllow, type AdminPermission } from '../accounts/permissions.ts'

type Queue = { key: string; permission: AdminPermission; to: string; table: PgTable; where: SQL }

const queues: Queue[] = [
  {
    key: 'pendingOrgs',
    permission: 'verify:org:any',
    to: '/admin/orgs?status=pending',
    table: organisations,
    where: eq(organisations.status, 'pending'),
  },
  {
    key: 'openClaims',
    permission: 'decide:claim:any',
    to: '/admin/claims',
    table: claimCases,
    where: eq(claimCases.status, 'open'),
  },
  {
    key: 'investorApplications',
    permission: 'verify:investor:any',
    to: '/admin/investors',
    table: investorVerifications,
    where: eq(investorVerifications.status, 'submitted'),
  },
  {
    key: 'campaignDocuments',
    permission: 'verify:campaign:any',
    to: '/admin/campaigns?status=documents_submitted',
    table: campaigns,
    where: eq(campaigns.status, 'documents_submitted'),
  },
  {
    key: 'filings',
    permission: 'verify:space:any',
    to: '/admin/spaces?check=declared',
    table: spaces,
    where: and(eq(spaces.filingCheck, 'declared'), ne(spaces.filing, 'none')) as SQL,
  },
  {
    key: 'openDisputes',
    permission: 'view:payment:any',
    to: '/admin/disputes',
    table: disputes,
    where: eq(disputes.status, 'open'),
  },
  {
    key: 'transfersToApprove',
    permission: 'manage:payment:any',
    to: '/admin/payments/transfers',
    table: bankTransfers,
    where: eq(bankTransfers.status, 'pending_approval'),
  },
  {
    key: 'voucherUses',
    permission: 'view:payment:any',
    to: '/admin/vouchers',
    table: voucherUses,
    where: eq(voucherUses.status, 'submitted'),
  },
  {
    key: 'activeHolds',
    permission: 'moderate:content:any',
    to: '/admin/moderation?status=active',
    table: moderationHolds,
    where: eq(moderationHolds.status, 'active'),
  },
  {
    key: 'suspendedUsers',
    permission: 'moderate:user:any',
    to: '/admin/users',
    table: userSuspensions,
    where: eq(userSuspensions.status, 'active'),
  },
]

/** The queues this admin's roles decide, each with its count and where to work it. */
export async function queuesFor(roles: readonly string[]) {
  const mine = queues.filter((q) => adminRolesAllow(roles, q.permission))
  const counts = await Promise.all(
    mine.map((q) =>
      db()
        .select({ n: count() })
        .from(q.table)
        .where(q.where)
        .then((r) => r[0]?.n ?? 0),
    ),
  )
  return mine.map((q, i) => ({ key: q.key, to: q.to, count: counts[i] ?? 0 }))
}
