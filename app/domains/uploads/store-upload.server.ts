// The one way a file enters the product: size and type checked against its purpose, the type
// detected from the bytes, what it would open into (pixels, inflated bytes) checked from its
// headers, the bytes stored under a random key, a row recording who owns it.
import crypto from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import type { Tx } from '../../../db/client.server.ts'
import { uploads } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { UserError } from '../problems.ts'
import { contentProblem, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from './inspect-content.server.ts'
import { getStorage } from './storage.server.ts'
import { uploadPurposes, type UploadPurpose } from './uploads.schema.ts'

export type StoredUpload = { id: string; mime: string }
/** A file whose size and content type have been checked. */
export type CheckedFile = { bytes: Uint8Array; mime: string; ext: string; name: string }

export async function checkUpload(
  file: File | null | undefined,
  purpose: UploadPurpose,
  field: string,
): Promise<CheckedFile> {
  if (!file || file.size === 0) throw new UserError('common:upload.required', field)
  const rule = uploadPurposes[purpose]
  if (file.size > rule.maxBytes)
    throw new UserError('common:upload.tooLarge', field, {
      mb: Math.round(rule.maxBytes / 1048576),
    })
  const bytes = new Uint8Array(await file.arrayBuffer())
  const detected = await fileTypeFromBuffer(bytes)
  if (!detected || !(rule.types as readonly string[]).includes(detected.mime)) {
    throw new UserError('common:upload.badType', field)
  }
  const problem = contentProblem(bytes, detected.mime)
  if (problem === 'imageTooLarge')
    throw new UserError('common:upload.imageTooLarge', field, {
      side: MAX_IMAGE_SIDE,
      megapixels: MAX_IMAGE_PIXELS / 1_000_000,
    })
  if (problem === 'imageUnreadable') throw new UserError('common:upload.damaged', field)
  if (problem === 'archiveBomb') throw new UserError('common:upload.archiveBomb', field)
  return { bytes, mime: detected.mime, ext: detected.ext, name: file.name.slice(0, 200) || 'file' }
}

export async function storeUpload(
  tx: Tx,
  input: {
    file: CheckedFile
    purpose: UploadPurpose
    ownerUserId: string
    ownerOrgId?: string | null
  },
): Promise<StoredUpload> {
  const id = crypto.randomUUID()
  const key = `${id.slice(0, 2)}/${id}`
  await (await getStorage()).put(key, input.file.bytes, input.file.mime)
  await tx.insert(uploads).values({
    id,
    ownerUserId: input.ownerUserId,
    ownerOrgId: input.ownerOrgId ?? null,
    purpose: input.purpose,
    mime: input.file.mime,
    ext: input.file.ext,
    sizeBytes: input.file.bytes.byteLength,
    sha256: crypto.createHash('sha256').update(input.file.bytes).digest('hex'),
    storageKey: key,
    originalName: input.file.name,
    createdAt: now(),
  })
  return { id, mime: input.file.mime }
}
