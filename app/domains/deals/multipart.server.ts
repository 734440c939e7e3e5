// Reading a deals form that carries files (a startup's logo, an investor's evidence) off a
// request, in memory, refusing any part larger than the purpose allows.
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
