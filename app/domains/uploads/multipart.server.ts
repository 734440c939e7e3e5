// Reading a form that may carry files off a request, in memory, refusing any part larger than
// the form's purpose allows and any body larger than a form can be; a form without files (a
// plain button) is read the same way.
import { MaxPartSizeExceededError } from '@remix-run/node'
import { MAX_FORM_BYTES } from './uploads.schema.ts'

/** What a form may carry: at most `files` files (of `maxPartSize` each). */
export type FormLimits = { files?: number }

/**
 * How many bytes of a form's body are read at all. Twice what its files may weigh, plus a
 * megabyte for the typed fields: a file somewhat over its limit is still read whole, so the
 * answer can keep what was typed beside it, while a body far over (60 MB posted to a form of one
 * 10 MB file) is cut off long before MAX_FORM_BYTES. Without `files` the cap is MAX_FORM_BYTES.
 */
export function bodyLimit(maxPartSize: number, limits: FormLimits = {}): number {
  if (limits.files === undefined) return MAX_FORM_BYTES
  return Math.min(MAX_FORM_BYTES, 2 * maxPartSize * Math.max(1, limits.files) + 1024 * 1024)
}

/**
 * The form data of `request` (multipart or url-encoded). Throws MaxPartSizeExceededError when a
 * file is larger than `maxPartSize` or the whole body larger than `bodyLimit` (read no further
 * than that), and a 400 or 415 response for a body that is not a form or arrives compressed.
 *
 * The platform's own parser reads the parts: it takes any file name a browser sends (`;`, `=`,
 * quotes, Chinese), where a name with `=` made the earlier parser fail the whole request.
 */
export async function parseMultipart(
  request: Request,
  maxPartSize: number,
  limits: FormLimits = {},
): Promise<FormData> {
  const encoding = request.headers.get('content-encoding')?.trim().toLowerCase()
  // Nothing inflates request bodies here; a compressed one would read as garbage, or, were it
  // ever inflated, as a bomb. Refused before a byte is read.
  if (encoding && encoding !== 'identity')
    throw new Response('compressed request bodies are not accepted', { status: 415 })
  const cap = bodyLimit(maxPartSize, limits)
  const declared = Number(request.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > cap)
    throw new MaxPartSizeExceededError('', maxPartSize)
  let tooLarge = false
  let form: FormData
  try {
    form = await new Request(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ? limited(request.body, cap, () => (tooLarge = true)) : null,
      // A streamed body must say so.
      duplex: 'half',
    }).formData()
  } catch (error) {
    if (tooLarge) throw new MaxPartSizeExceededError('', maxPartSize)
    if (error instanceof TypeError) throw new Response('not a form', { status: 400 })
    throw error
  }
  for (const [field, value] of form.entries())
    if (typeof value !== 'string' && value.size > maxPartSize)
      throw new PartTooLargeError(field, maxPartSize, typedValues(form))
  return form
}

/** A file larger than its form allows, with what was typed beside it, to be shown again. */
class PartTooLargeError extends MaxPartSizeExceededError {
  constructor(
    field: string,
    maxBytes: number,
    readonly typed: Record<string, string | string[]>,
  ) {
    super(field, maxBytes)
  }
}

/** The text fields of a form as a reply's `initialValue`: repeated names become lists. */
function typedValues(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string') continue
    const seen = out[name]
    out[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value]
  }
  return out
}

/** `body`, erroring (and calling `onTooLarge`) once more than `cap` bytes have come. */
function limited(body: ReadableStream<Uint8Array>, cap: number, onTooLarge: () => void) {
  let seen = 0
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength
        if (seen > cap) {
          onTooLarge()
          controller.error(new MaxPartSizeExceededError('', cap))
          return
        }
        controller.enqueue(chunk)
      },
    }),
  )
}

/** The form data, or null when a part is larger than `maxPartSize` (or the body too large). */
export async function readMultipart(
  request: Request,
  maxPartSize: number,
  limits: FormLimits = {},
): Promise<FormData | null> {
  try {
    return await parseMultipart(request, maxPartSize, limits)
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return null
    throw error
  }
}

export const filesOf = (formData: FormData, name: string) =>
  formData.getAll(name).filter((v): v is File => v instanceof File && v.size > 0)

export function fileOf(formData: FormData, name: string): File | null {
  return filesOf(formData, name)[0] ?? null
}

/** The reply for a form whose file was larger than `maxBytes`, beside the field. */
export function fileTooLarge(field: string, maxBytes: number) {
  return {
    status: 'error' as const,
    error: {
      [field]: [`common:upload.tooLarge|${JSON.stringify({ mb: Math.round(maxBytes / 1048576) })}`],
    },
  }
}

/**
 * The Conform reply for a form whose file was larger than `maxBytes`: the error beside the file
 * that was (or `field` when the body was cut off before its parts were known), and what was
 * typed beside it shown again. Null for any other error.
 */
export function tooLargeReply(error: unknown, field: string, maxBytes: number) {
  if (!(error instanceof MaxPartSizeExceededError)) return null
  const part = error instanceof PartTooLargeError ? error : null
  const mb = Math.round(maxBytes / 1048576)
  return {
    status: 'error' as const,
    initialValue: part?.typed ?? null,
    error: { [part?.field || field]: [`common:upload.tooLarge|${JSON.stringify({ mb })}`] },
  }
}
