// Reading the challenge form off a request (multipart, because of attachments) and turning a
// stored challenge back into the form's values, for the new and edit routes.
import { yuanField } from '../payments/money.ts'
import { db } from '../../../db/client.server.ts'
import { spaces } from '../../../db/schema/index.ts'
import { fileTooLarge, filesOf, readMultipart } from '../uploads/multipart.server.ts'
import { uploadPurposes } from '../uploads/uploads.schema.ts'
import { toBeijing } from './beijing-time.ts'
import type { Challenge } from './save-challenge.server.ts'

/** The form data, or null when an attachment is larger than one may be. */
export const readChallengeForm = (request: Request) =>
  readMultipart(request, uploadPurposes.attachment.maxBytes)

export const attachmentTooLarge = fileTooLarge('attachments', uploadPurposes.attachment.maxBytes)

export function challengeFilesOf(formData: FormData) {
  return {
    attachments: filesOf(formData, 'attachments'),
    confidentialAttachments: filesOf(formData, 'confidentialAttachments'),
    removeUploadIds: formData
      .getAll('removeUploadIds')
      .filter((v): v is string => typeof v === 'string'),
  }
}

export function challengeDefaults(c: Challenge, nda: { title: string; body: string } | null) {
  return {
    title: c.title,
    summary: c.summary,
    details: c.details,
    segments: c.segments,
    type: c.type,
    solicitation: c.solicitation,
    awardMode: c.awardMode,
    awardYuan: yuanField(c.awardFen),
    budgetMinYuan: yuanField(c.budgetMinFen),
    budgetMaxYuan: yuanField(c.budgetMaxFen),
    bidDeadline: toBeijing(c.bidDeadline),
    awardDeadline: toBeijing(c.awardDeadline),
    deliveryDeadline: toBeijing(c.deliveryDeadline),
    ipTerms: c.ipTerms,
    confidentiality: c.confidentiality,
    ndaTitle: nda?.title,
    ndaBody: nda?.body,
    eligibility: c.eligibility,
    eligibleSpaceIds: c.eligibleSpaceIds,
    eligibleSegments: c.eligibleSegments,
  }
}

/** Every space, for the eligibility picker. */
export async function spaceChoices() {
  return db().select({ id: spaces.id, name: spaces.name }).from(spaces).orderBy(spaces.name)
}
