// Reading a form that may carry files off a request, in memory, refusing any part larger than
// the form's purpose allows; a form without files (a plain button) is read as it is.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'

/** The form data, or null when a part is larger than `maxPartSize`. */
export async function readMultipart(
  request: Request,
  maxPartSize: number,
): Promise<FormData | null> {
  if (!request.headers.get('content-type')?.startsWith('multipart/form-data'))
    return request.formData()
  try {
    return await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize }),
    )
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
