// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document.
import { openApiDocument } from '~/domains/api/openapi.ts'
import { publicUrl } from '~/env.server.ts'

export function loader() {
  return Response.json(openApiDocument(publicUrl()), {
    headers: { 'Access-Control-Allow-Origin': '*' },
  })
}
