// One evidence file of a 合格投资者 application, decrypted for a verifier and logged. Never
// cached, never rendered as a page: the type is the one detected at upload, sniffing is off and
// the response is sandboxed.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { isUuid } from '../../db/ids.ts'
import { notFound, requireAdmin } from '~/domains/accounts/auth.server.ts'
import { downloadEvidence } from '~/domains/deals/evidence-access.server.ts'
import { clientIp } from '~/domains/web/request.server.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'verify:investor:any')
  if (!isUuid(params.id) || !isUuid(params.fileId)) throw notFound()
  const file = await downloadEvidence({
    verificationId: params.id,
    fileId: params.fileId,
    actorUserId: auth.user.id,
    ip: clientIp(context),
  })
  if (!file) throw notFound()
  return new Response(Buffer.from(file.bytes), {
    headers: {
      'Content-Type': file.mime,
      'Content-Length': String(file.bytes.byteLength),
      'Content-Disposition': `inline; filename="${params.fileId}.${file.ext}"`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy':
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      'Cache-Control': 'no-store',
    },
  })
}
