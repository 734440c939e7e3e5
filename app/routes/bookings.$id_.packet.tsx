// /bookings/:id/packet: the booking's innovation-voucher redemption packet (创新券服务兑付材料) as
// a printable page, with its PDF beside it. Only the provider organisation's owners and admins,
// and platform admins who read documents, see it; anyone else gets 404.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { RedemptionPacketView } from '~/components/equipment/redemption-packet-view.tsx'
import { notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { redemptionPacketFor } from '~/domains/vouchers/redemption-packet.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const found = await redemptionPacketFor(params.id ?? '', auth)
  if (!found) throw notFound()
  return {
    packet: found.packet,
    bookingId: params.id ?? '',
    back: found.reader === 'provider' ? '/equipment/vouchers' : '/admin/vouchers',
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `创新券服务兑付材料 ${data?.packet.packetNo ?? ''} · 众创 Zhongchuang` },
]

export default function RedemptionPacketPage() {
  const { t } = useTranslation('vouchers')
  const { packet, bookingId, back } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-4">
      <div className="mx-auto flex max-w-[210mm] flex-wrap items-center justify-between gap-3 text-sm print:hidden">
        <Link to={back}>{t(back === '/admin/vouchers' ? 'packet.backAdmin' : 'packet.back')}</Link>
        <span className="flex flex-wrap items-center gap-4">
          <span className="text-slate-600">{t('packet.printHint')}</span>
          <a
            href={`/bookings/${bookingId}/packet.pdf`}
            download
            className="bg-brand-600 hover:bg-brand-700 rounded-md px-4 py-2 font-medium text-white no-underline"
          >
            {t('pdfLink')}
          </a>
        </span>
      </div>
      <RedemptionPacketView packet={packet} />
    </div>
  )
}
