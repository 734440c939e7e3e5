// /bookings/:id/packet.pdf: the redemption packet as the A4 PDF the provider sends the issuing
// agency. The same readers as the page; anyone else gets 404.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { renderRedemptionPacketPdf } from '~/domains/equipment/redemption-packet-pdf.server.ts'
import { redemptionPacketFor } from '~/domains/vouchers/redemption-packet.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const found = await redemptionPacketFor(params.id ?? '', auth)
  if (!found) throw notFound()
  const { packet } = found
  const pdf = await renderRedemptionPacketPdf(packet)
  // An ASCII name for old clients, the packet number for the rest.
  const name = `redemption-packet-${packet.packetNo.replace(/[^A-Za-z0-9-]/g, '') || 'draft'}.pdf`
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`创新券兑付材料-${packet.packetNo}.pdf`)}`,
      'Cache-Control': 'private, no-store',
    },
  })
}
