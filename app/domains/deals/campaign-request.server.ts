// Reading the campaign forms off a request (multipart, for the pitch deck and data-room files)
// and turning a stored campaign back into the form's values, for the new and edit routes.
import { eq } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { organisations, startupProfiles, uploads } from '../../../db/schema/index.ts'
import { toBeijing } from '../challenges/beijing-time.ts'
import { fileOf, fileTooLarge as tooLarge, readMultipart } from '../uploads/multipart.server.ts'
import { uploadPurposes } from '../uploads/uploads.schema.ts'
import type { Campaign } from './save-campaign.server.ts'

const MAX_PART = uploadPurposes['campaign-data-room'].maxBytes

/** The form data, or null when a file is larger than one may be. */
export const readCampaignForm = (request: Request) => readMultipart(request, MAX_PART)

export const fileTooLarge = (field: string) => tooLarge(field, MAX_PART)

export { fileOf }

const yuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2))

export function campaignDefaults(c: Campaign) {
  return {
    title: c.title,
    oneLiner: c.oneLiner,
    targetYuan: yuan(c.targetFen),
    maxYuan: yuan(c.maxFen),
    minTicketYuan: yuan(c.minTicketFen),
    minimumAcceptYuan: yuan(c.minimumAcceptFen),
    preMoneyYuan: yuan(c.preMoneyFen),
    securityType: c.securityType,
    companyForm: c.companyForm,
    vehicle: c.vehicle,
    existingHolders: String(c.existingHolders),
    deadline: toBeijing(c.deadline),
    useOfFunds: c.useOfFunds,
    riskDisclosure: c.riskDisclosure,
    details: c.details,
    ndaBody: c.ndaBody,
    segments: c.segments,
    changeNote: '',
  }
}

/** The data room's confidentiality terms a new campaign starts from; the startup may edit them. */
const DEFAULT_NDA =
  '您承诺对本项目数据室中的全部资料（包括但不限于财务数据、客户信息、技术文档和商业计划）严格保密，仅用于评估本次投资，不向任何第三方披露，不复制、不传播；如不投资，应在融资结束后删除已下载的资料。'

/** A new campaign starts from the startup's profile: its company form, holders and segments. */
export async function newCampaignDefaults(orgId: string | null) {
  if (!orgId) return { ndaBody: DEFAULT_NDA }
  const row = await db()
    .select({
      segments: organisations.segments,
      companyForm: startupProfiles.companyForm,
      existingHolders: startupProfiles.existingHolders,
      oneLiner: startupProfiles.oneLiner,
      seekingFen: startupProfiles.seekingFen,
      minTicketFen: startupProfiles.minTicketFen,
    })
    .from(organisations)
    .leftJoin(startupProfiles, eq(startupProfiles.orgId, organisations.id))
    .where(eq(organisations.id, orgId))
    .then((r) => r[0])
  if (!row) return { ndaBody: DEFAULT_NDA }
  return {
    segments: row.segments.slice(0, 3),
    companyForm: row.companyForm ?? 'llc',
    existingHolders: row.existingHolders !== null ? String(row.existingHolders) : '',
    oneLiner: row.oneLiner ?? '',
    targetYuan: row.seekingFen ? yuan(row.seekingFen) : '',
    minTicketYuan: row.minTicketFen ? yuan(row.minTicketFen) : '',
    vehicle: 'direct',
    securityType: 'ordinary',
    ndaBody: DEFAULT_NDA,
  }
}

export async function uploadName(id: string | null) {
  if (!id) return null
  const row = await db()
    .select({ id: uploads.id, name: uploads.originalName })
    .from(uploads)
    .where(eq(uploads.id, id))
    .then((r) => r[0])
  return row ?? null
}
