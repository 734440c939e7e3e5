// Where a payee is paid out from the custody account: an organisation's 对公账户 (its owners and
// admins set it) or a person's own account. Later custody instructions carry these details.
import type { Tx } from '../../../db/client.server.ts'
import { payoutAccounts } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import type { Party } from './ledger.server.ts'

export async function savePayoutAccount(
  tx: Tx,
  input: {
    party: Party
    accountName: string
    bankName: string
    accountNumber: string
    actorUserId: string
    ip: string
  },
): Promise<void> {
  const values = {
    accountName: input.accountName.trim(),
    bankName: input.bankName.trim(),
    // Kept as typed apart from spacing, which banks print in groups of four.
    accountNumber: input.accountNumber.replace(/\s+/g, ' ').trim(),
    updatedAt: now(),
  }
  await tx
    .insert(payoutAccounts)
    .values({
      ...values,
      ownerOrgId: input.party.orgId ?? null,
      ownerUserId: input.party.userId ?? null,
    })
    .onConflictDoUpdate({
      target:
        input.party.orgId !== undefined ? payoutAccounts.ownerOrgId : payoutAccounts.ownerUserId,
      set: values,
    })
  await audit(tx, {
    actorUserId: input.actorUserId,
    actingOrgId: input.party.orgId ?? null,
    action: 'save-payout-account',
    entity: 'payout_account',
    entityId: input.party.orgId ?? input.party.userId ?? null,
    data: { bankName: values.bankName },
    ip: input.ip,
  })
}
