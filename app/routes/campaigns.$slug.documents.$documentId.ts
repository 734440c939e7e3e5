// GET /campaigns/:slug/documents/:documentId: a data-room document, for those who see the
// campaign's terms (qualified investors who accepted its NDA, the startup, campaign admins).
// Everyone else gets 404; every investor download is logged for the startup to see.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireAuth } from '~/domains/accounts/auth.server.ts'
import { downloadDocument } from '~/domains/deals/data-room.server.ts'
import { clientIp } from '~/domains/web/request.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requireAuth(request)
  return downloadDocument({
    slug: params.slug ?? '',
    documentId: params.documentId ?? '',
    auth,
    ip: clientIp(context),
  })
}
