// Conflict of interest: an admin whose own organisation is a party to a case cannot act on it,
// for every kind of case the console decides; an admin from elsewhere can.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { bankTransfers, claimCases, disputes, payments, spaces } from '../../db/schema/index.ts'
import { partiesConflict } from '../../app/domains/admin/conflict.server.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import * as transfersPage from '../../app/routes/admin.payments.transfers.tsx'
import { resolveDispute } from '../../app/domains/disputes/disputes.server.ts'
import { hideSubject } from '../../app/domains/moderation/holds.server.ts'
import { suspendUser } from '../../app/domains/moderation/suspensions.server.ts'
import { decideClaim } from '../../app/domains/orgs/decide-claim.server.ts'
import { transitionOrg } from '../../app/domains/orgs/decide-verification.server.ts'
import { decideBankTransfer } from '../../app/domains/payments/decide-bank-transfer.server.ts'
import { recordBankTransfer } from '../../app/domains/payments/record-bank-transfer.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import { checkFiling } from '../../app/domains/spaces/filing-check.server.ts'
import { grantVoucher } from '../../app/domains/vouchers/grant-voucher.server.ts'
import { createCampaign } from '../factories/deals.ts'
import { createListing } from '../factories/equipment.ts'
import { addOrgMember, createOrg, createSpace, createUser, makeAdmin } from '../factories/index.ts'
import { createTestPayment } from '../factories/payments.ts'

const REFUSED = 'admin:conflict.refused'
const ip = '10.0.0.14'

async function refusal(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise
  } catch (error) {
    if (error instanceof UserError) return error.messageKey
    throw error
  }
  return null
}

/** An admin with every role who is a member of the given organisation. */
async function insider(orgId: string) {
  const admin = await createUser(db())
  await makeAdmin(db(), admin.id)
  await addOrgMember(db(), orgId, admin.id, 'member')
  return admin
}

describe('conflict of interest', () => {
  it('the helper sees current memberships only', async () => {
    const org = await createOrg(db())
    const admin = await insider(org.id)
    expect(await partiesConflict(admin.id, [org.id, null])).toBe(true)
    expect(await partiesConflict(admin.id, [(await createOrg(db())).id])).toBe(false)
    expect(await partiesConflict(admin.id, [])).toBe(false)
  })

  it('refuses verifying or suspending their own organisation', async () => {
    const org = await createOrg(db(), { verified: false })
    const admin = await insider(org.id)
    expect(
      await refusal(
        transitionOrg({
          orgId: org.id,
          action: 'verify',
          actorUserId: admin.id,
          actorRoles: ['verifier'],
          ip,
        }),
      ),
    ).toBe(REFUSED)
  })

  it('refuses deciding a claim on their own organisation', async () => {
    const org = await createOrg(db())
    const admin = await insider(org.id)
    const claimant = await createUser(db())
    const [claim] = await db()
      .insert(claimCases)
      .values({
        orgId: org.id,
        claimantUserId: claimant.id,
        claimedName: org.name,
        createdAt: new Date(),
      })
      .returning()
    expect(
      await refusal(
        decideClaim({
          claimId: claim?.id ?? '',
          decision: 'accept',
          reason: '材料齐全',
          actorUserId: admin.id,
          ip,
        }),
      ),
    ).toBe(REFUSED)
  })

  it('refuses disputes, bank transfers and approvals where their organisation pays or is paid', async () => {
    const payee = await createOrg(db(), { name: '争议收款机构' })
    const payer = await createUser(db())
    for (const side of ['payee', 'payer'] as const) {
      const payerOrg = side === 'payer' ? await createOrg(db(), { name: '争议付款机构' }) : null
      const admin = await insider(side === 'payee' ? payee.id : (payerOrg?.id ?? ''))
      const { payment } = await db().transaction(async (tx) => {
        const made = await createTestPayment(tx, {
          payerUserId: payer.id,
          payee: { orgId: payee.id },
          priceFen: 100_000,
          collected: true,
        })
        if (payerOrg) {
          await tx
            .update(payments)
            .set({ payerOrgId: payerOrg.id })
            .where(eq(payments.id, made.payment.id))
        }
        return made
      })
      const at = new Date()
      const [dispute] = await db()
        .insert(disputes)
        .values({
          subjectKind: 'booking',
          subjectId: crypto.randomUUID(),
          paymentId: payment.id,
          amountFen: 100_000,
          openedByUserId: payer.id,
          reason: '服务未按约定完成',
          status: 'open',
          createdAt: at,
          updatedAt: at,
        })
        .returning()
      expect(
        await refusal(
          resolveDispute({
            disputeId: dispute?.id ?? '',
            resolution: 'refund',
            note: '退款',
            actorUserId: admin.id,
            ip,
          }),
        ),
      ).toBe(REFUSED)
      expect(
        await refusal(
          db().transaction((tx) =>
            recordBankTransfer(tx, {
              reference: payment.reference,
              amountFen: payment.amountFen,
              currency: 'CNY',
              receivedOn: '2026-11-22',
              payerName: '付款人',
              actorUserId: admin.id,
              ip,
            }),
          ),
        ),
      ).toBe(REFUSED)
      const recorder = await createUser(db())
      const [transfer] = await db()
        .insert(bankTransfers)
        .values({
          paymentId: payment.id,
          reference: payment.reference,
          amountFen: payment.amountFen,
          currency: 'CNY',
          receivedOn: '2026-11-22',
          payerName: '付款人',
          status: 'pending_approval',
          recordedByUserId: recorder.id,
          createdAt: at,
        })
        .returning()
      // The transfers page offers this admin a note, not the approve and reject buttons.
      const { token } = await createSession(db(), admin.id)
      const page = await transfersPage.loader({
        request: new Request('http://localhost/admin/payments/transfers', {
          headers: { cookie: `${sessionCookieName()}=${token}` },
        }),
        params: {},
        context: { ip, nonce: 'test', requestId: 'test' },
      })
      expect(page.conflicted).toContain(transfer?.id)
      expect(
        await refusal(
          db().transaction((tx) =>
            decideBankTransfer(tx, {
              transferId: transfer?.id ?? '',
              action: 'approve',
              actorUserId: admin.id,
              ip,
            }),
          ),
        ),
      ).toBe(REFUSED)
    }
  })

  it('refuses granting a voucher to their own organisation', async () => {
    const startup = await createOrg(db(), { type: 'startup' })
    const admin = await insider(startup.id)
    expect(
      await refusal(
        db().transaction((tx) =>
          grantVoucher(tx, {
            orgId: startup.id,
            issuer: '苏州工业园区科技创新委员会',
            reference: `SIP-${crypto.randomUUID().slice(0, 8)}`,
            amount: 500_000,
            expiresOn: '2027-06-30',
            note: '',
            actorUserId: admin.id,
            ip,
          }),
        ),
      ),
    ).toBe(REFUSED)
  })

  it('refuses holds on their content, filing checks of their space and suspending their colleagues', async () => {
    const org = await createOrg(db(), { type: 'space_operator' })
    const admin = await insider(org.id)
    const listing = await createListing(db(), { orgId: org.id })
    expect(
      await refusal(
        hideSubject({
          kind: 'listing',
          subjectId: listing.id,
          reason: '测试利益冲突',
          actorUserId: admin.id,
        }),
      ),
    ).toBe(REFUSED)
    const campaign = await createCampaign(db())
    const startupAdmin = await insider(campaign.orgId)
    expect(
      await refusal(
        hideSubject({
          kind: 'campaign',
          subjectId: campaign.id,
          reason: '测试利益冲突',
          actorUserId: startupAdmin.id,
        }),
      ),
    ).toBe(REFUSED)
    const space = await createSpace(db(), { operatorOrgId: org.id, filing: 'national' })
    await db()
      .update(spaces)
      .set({ filingReference: '国科火字〔2024〕1号' })
      .where(eq(spaces.id, space.id))
    expect(
      await refusal(checkFiling({ spaceId: space.id, decision: 'verify', actorUserId: admin.id })),
    ).toBe(REFUSED)
    const colleague = await createUser(db())
    await addOrgMember(db(), org.id, colleague.id, 'member')
    expect(
      await refusal(
        suspendUser({ userId: colleague.id, reason: '测试利益冲突', actorUserId: admin.id }),
      ),
    ).toBe(REFUSED)
    // An admin from elsewhere may act on the same cases.
    const outsider = await createUser(db())
    await makeAdmin(db(), outsider.id)
    expect(
      await refusal(
        checkFiling({ spaceId: space.id, decision: 'verify', actorUserId: outsider.id }),
      ),
    ).toBeNull()
    expect(
      await refusal(
        hideSubject({
          kind: 'listing',
          subjectId: listing.id,
          reason: '外部管理员处理',
          actorUserId: outsider.id,
        }),
      ),
    ).toBeNull()
  })
})
