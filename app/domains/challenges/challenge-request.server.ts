// Reading the challenge form off a request (multipart, because of attachments) and turning a
// stored challenge back into the form's values, for the new and edit routes.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'
import { db } from '../../../db/client.server.ts'
import { spaces } from '../../../db/schema/index.ts'
import { uploadPurposes } from '../uploads/uploads.schema.ts'
import { toBeijing } from './challenge-form.schema.ts'
import type { Challenge } from './save-challenge.server.ts'

/** The form data, or null when an attachment is larger than one may be. */
export async function readChallengeForm(request: Request): Promise<FormData | null> {
  if (!request.headers.get('content-type')?.startsWith('multipart/form-data'))
    return request.formData()
  try {
    return await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: uploadPurposes.attachment.maxBytes }),
    )
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return null
    throw error
  }
}

export const attachmentTooLarge = {
  status: 'error' as const,
  error: {
    attachments: [
      `common:upload.tooLarge|${JSON.stringify({ mb: Math.round(uploadPurposes.attachment.maxBytes / 1048576) })}`,
    ],
  },
}

const files = (formData: FormData, name: string) =>
  formData.getAll(name).filter((v): v is File => v instanceof File && v.size > 0)

export function challengeFilesOf(formData: FormData) {
  return {
    attachments: files(formData, 'attachments'),
    confidentialAttachments: files(formData, 'confidentialAttachments'),
    removeUploadIds: formData
      .getAll('removeUploadIds')
      .filter((v): v is string => typeof v === 'string'),
  }
}

const yuan = (fen: number | null) => (fen === null ? undefined : (fen / 100).toFixed(2))

export function challengeDefaults(c: Challenge, nda: { title: string; body: string } | null) {
  return {
    title: c.title,
    summary: c.summary,
    details: c.details,
    segments: c.segments,
    type: c.type,
    solicitation: c.solicitation,
    awardMode: c.awardMode,
    awardYuan: yuan(c.awardFen),
    budgetMinYuan: yuan(c.budgetMinFen),
    budgetMaxYuan: yuan(c.budgetMaxFen),
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
