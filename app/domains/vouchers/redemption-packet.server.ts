// Gathers one booking's redemption packet (创新券服务兑付材料): the parties, the service, the price
// as quoted, the voucher and cash parts, the deposit, the 发票 issued and the test report; and
// who may read it: the provider organisation's owners and admins, and platform admins who read
// documents. Anyone else, and a booking that used no voucher, find nothing.
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { db, type Tx } from '../../../db/client.server.ts'
import { isUuid } from '../../../db/ids.ts'
import {
  depositClaims,
  equipmentBookings,
  equipmentListings,
  fapiaoRequests,
  innovationVouchers,
  organisations,
  orgMembers,
  payments,
  quotes,
  uploads,
  users,
  voucherUses,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { fixedT } from '../../i18n/fixed-t.server.ts'
import { adminRolesAllow } from '../accounts/permissions.ts'
import type {
  PacketContact,
  PacketFapiao,
  RedemptionPacket,
} from '../equipment/redemption-packet.ts'
import { formatMoney } from '../payments/money.ts'
import { DEPOSIT_KIND } from '../payments/stripe/routing.ts'
import { chineseDate, chineseDateTime } from '../../shanghai-time.server.ts'
import { providerRoles } from './submit-redemption.server.ts'

/** Shown until the provider submits the redemption and the use gets its number. */
export const PACKET_NO_PENDING = '提交兑付后生成'

const bookerOrgs = alias(organisations, 'booker_orgs')
const providerOrgs = alias(organisations, 'provider_orgs')

/** The signed-in person asking, as much of them as the check needs. */
type Reader = { user: { id: string }; adminRoles: readonly string[] }

/** Who reads a packet: the provider's own people, or a platform admin. */
export type PacketReader = 'provider' | 'admin'

/**
 * The packet of a booking for this reader, and as whom they read it; null when there is none
 * they may see (no such booking, no voucher used or released again, not their organisation's).
 */
export async function redemptionPacketFor(
  bookingId: string,
  reader: Reader,
): Promise<{ packet: RedemptionPacket; reader: PacketReader } | null> {
  if (!isUuid(bookingId)) return null
  const tx = db()
  const as = await readerOf(tx, bookingId, reader)
  const packet = as ? await loadRedemptionPacket(tx, bookingId) : null
  return as && packet ? { packet, reader: as } : null
}

async function readerOf(tx: Tx, bookingId: string, reader: Reader): Promise<PacketReader | null> {
  const row = await tx
    .select({ role: orgMembers.role })
    .from(equipmentBookings)
    .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
    .innerJoin(
      orgMembers,
      and(
        eq(orgMembers.orgId, equipmentListings.orgId),
        eq(orgMembers.userId, reader.user.id),
        isNull(orgMembers.leftAt),
      ),
    )
    .where(and(eq(equipmentBookings.id, bookingId), inArray(orgMembers.role, [...providerRoles])))
    .then((r) => r[0])
  if (row) return 'provider'
  // Document readers, and the finance admins who decide the redemption from this packet.
  return adminRolesAllow(reader.adminRoles, 'view:document:any') ||
    adminRolesAllow(reader.adminRoles, 'manage:payment:any')
    ? 'admin'
    : null
}

/** The packet of a booking that used a voucher, with no check of who asks; null otherwise. */
export async function loadRedemptionPacket(
  tx: Tx,
  bookingId: string,
): Promise<RedemptionPacket | null> {
  const row = await tx
    .select({
      booking: equipmentBookings,
      listing: equipmentListings,
      provider: providerOrgs,
      bookerOrg: bookerOrgs,
      booker: users,
      use: voucherUses,
      voucher: innovationVouchers,
    })
    .from(equipmentBookings)
    .innerJoin(equipmentListings, eq(equipmentListings.id, equipmentBookings.listingId))
    .innerJoin(providerOrgs, eq(providerOrgs.id, equipmentListings.orgId))
    .innerJoin(users, eq(users.id, equipmentBookings.bookerUserId))
    .leftJoin(bookerOrgs, eq(bookerOrgs.id, equipmentBookings.bookerOrgId))
    .innerJoin(voucherUses, eq(voucherUses.bookingId, equipmentBookings.id))
    .innerJoin(innovationVouchers, eq(innovationVouchers.id, voucherUses.voucherId))
    .where(eq(equipmentBookings.id, bookingId))
    .then((r) => r[0])
  if (!row || row.use.status === 'released') return null
  const { booking, listing, provider, bookerOrg, booker, use, voucher } = row

  // The price as last quoted: an approval may have priced the request again.
  const quote = await tx
    .select()
    .from(quotes)
    .where(and(eq(quotes.businessKind, 'booking'), eq(quotes.businessId, booking.id)))
    .orderBy(desc(quotes.createdAt), desc(quotes.id))
    .limit(1)
    .then((r) => r[0])
  if (!quote) return null

  const [providerContact, fapiao, deposit, testReport] = await Promise.all([
    ownerContact(tx, provider.id),
    fapiaoOf(tx, booking.id),
    depositOf(tx, booking.id),
    booking.reportUploadId ? reportOf(tx, booking.reportUploadId, booking.reportUploadedAt) : null,
  ])

  const t = fixedT('zh-CN', 'equipment')
  const voucherFen = use.amountFen
  const samples = booking.serviceMode === 'sample_testing' && booking.sampleCount
  return {
    packetNo: use.packetNo ?? PACKET_NO_PENDING,
    generatedAt: chineseDateTime(now()),
    voucher: { agency: voucher.issuer, reference: voucher.reference },
    provider: {
      organisation: provider.name,
      creditCode: provider.uscc || null,
      // Where the service was done; most addresses already name their city.
      address: listing.address.includes(listing.city)
        ? listing.address
        : [listing.city, listing.address].filter(Boolean).join(' '),
      contact: providerContact ?? { name: provider.name, phone: '—' },
    },
    user: {
      organisation: bookerOrg?.name ?? booker.name,
      creditCode: bookerOrg?.uscc ?? null,
      contact: contactOf(booker),
    },
    service: {
      instrument: listing.name,
      manufacturerModel: [listing.manufacturer, listing.model].filter(Boolean).join(' ') || null,
      categoryLabel: t(`categories.${listing.category}`),
      serviceModeLabel: t(`modes.${booking.serviceMode}`),
      bookingRef: booking.id,
      extent: samples
        ? { kind: 'samples', count: samples }
        : {
            kind: 'period',
            start: chineseDateTime(booking.startsAt),
            end: chineseDateTime(booking.endsAt),
          },
      purpose: booking.purpose || '—',
    },
    terms: {
      lines: quote.lines.map((l) => ({
        label: l.label,
        quantity: l.quantity,
        unitFen: l.unitFen,
        amountFen: l.amountFen,
      })),
      subtotalFen: quote.subtotalFen,
      voucherFen,
      cashFen: quote.subtotalFen - voucherFen,
      platformFeeFen: quote.feeFen,
      deposit,
    },
    fapiao,
    testReport,
  }
}

function contactOf(user: { name: string; mobile: string | null; email: string | null }) {
  return { name: user.name, phone: user.mobile ?? user.email ?? '—' } satisfies PacketContact
}

/** The provider's contact on the packet: its longest-standing owner. */
async function ownerContact(tx: Tx, orgId: string): Promise<PacketContact | null> {
  const owner = await tx
    .select({ name: users.name, mobile: users.mobile, email: users.email })
    .from(orgMembers)
    .innerJoin(users, eq(users.id, orgMembers.userId))
    .where(and(eq(orgMembers.orgId, orgId), eq(orgMembers.role, 'owner')))
    .orderBy(asc(orgMembers.joinedAt))
    .limit(1)
    .then((r) => r[0])
  return owner ? contactOf(owner) : null
}

/** The 发票 the provider issued for the booking's payments; null when none is issued yet. */
async function fapiaoOf(tx: Tx, bookingId: string): Promise<PacketFapiao[] | null> {
  const rows = await tx
    .select({
      number: fapiaoRequests.invoiceNumber,
      type: fapiaoRequests.type,
      amountFen: fapiaoRequests.amountFen,
      decidedAt: fapiaoRequests.decidedAt,
    })
    .from(fapiaoRequests)
    .innerJoin(payments, eq(payments.id, fapiaoRequests.paymentId))
    .where(
      and(
        eq(payments.businessKind, 'booking'),
        eq(payments.businessId, bookingId),
        eq(fapiaoRequests.issuer, 'payee'),
        eq(fapiaoRequests.status, 'issued'),
      ),
    )
    .orderBy(asc(fapiaoRequests.decidedAt))
  if (rows.length === 0) return null
  return rows.map((f) => ({
    number: f.number ?? '—',
    type: f.type === 'special' ? 'special' : 'ordinary',
    amountFen: f.amountFen,
    issuedOn: f.decidedAt ? chineseDate(f.decidedAt) : '—',
  }))
}

/** The booking's deposit and what became of it, for information: the bureau does not pay it. */
async function depositOf(tx: Tx, bookingId: string): Promise<RedemptionPacket['terms']['deposit']> {
  const payment = await tx
    .select({ amountFen: payments.amountFen, status: payments.status })
    .from(payments)
    .where(and(eq(payments.businessKind, DEPOSIT_KIND), eq(payments.businessId, bookingId)))
    .orderBy(desc(payments.createdAt))
    .limit(1)
    .then((r) => r[0])
  if (!payment) return null
  const claim = await tx
    .select({ keptFen: depositClaims.keptFen, status: depositClaims.status })
    .from(depositClaims)
    .where(eq(depositClaims.bookingId, bookingId))
    .then((r) => r[0])
  const handling = claim
    ? `服务机构就设备损坏申请扣留 ${formatMoney(claim.keptFen)}，其余退还用户。`
    : payment.status === 'settled'
      ? '已退还用户。'
      : payment.status === 'held'
        ? '由平台存管，服务结束后退还用户。'
        : '用户尚未支付。'
  return { amountFen: payment.amountFen, handling }
}

async function reportOf(tx: Tx, uploadId: string, uploadedAt: Date | null) {
  const upload = await tx
    .select({ name: uploads.originalName, createdAt: uploads.createdAt })
    .from(uploads)
    .where(eq(uploads.id, uploadId))
    .then((r) => r[0])
  if (!upload) return null
  return { fileName: upload.name, uploadedOn: chineseDate(uploadedAt ?? upload.createdAt) }
}
