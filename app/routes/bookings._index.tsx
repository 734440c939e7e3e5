// /bookings: the instruments a person booked, for themself or for their organisations, the
// upcoming ones first, each with its status and, while money is owed, the way to pay.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { now } from '~/clock.server.ts'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { bookingsOf } from '~/domains/equipment/request-booking.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const rows = await bookingsOf(
    auth.user.id,
    auth.memberships.map((m) => m.orgId),
  )
  const at = now().getTime()
  const shown = rows.map((r) => ({
    id: r.id,
    status: r.status,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    listingName: r.listingName,
    payId: r.status === 'awaiting_payment' ? r.paymentId : null,
  }))
  return {
    // Soonest first among the upcoming; most recent first among the past.
    upcoming: shown.filter((r) => Date.parse(r.endsAt) > at).reverse(),
    past: shown.filter((r) => Date.parse(r.endsAt) <= at),
  }
}

export const meta: MetaFunction = () => [{ title: '我的预约 · 众创 Zhongchuang' }]

type Row = Awaited<ReturnType<typeof loader>>['upcoming'][number]

function BookingList({ rows }: { rows: Row[] }) {
  const { t } = useTranslation('bookings')
  const lng = useRootData()?.locale ?? fallbackLanguage
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t('none')}</p>
  return (
    <ul className="divide-y divide-slate-200">
      {rows.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
          <div>
            <Link to={`/bookings/${r.id}`} className="font-medium text-brand-700 underline">
              {r.listingName}
            </Link>
            <p className="text-slate-600">
              {formatDateTime(r.startsAt, lng)} – {formatDateTime(r.endsAt, lng)}
            </p>
          </div>
          <div className="flex items-center gap-3">
            <span className="rounded-full bg-slate-100 px-2 py-0.5">{t(`status.${r.status}`)}</span>
            {r.payId ? (
              <Link to={`/payments/${r.payId}`} className="font-medium text-brand-700 underline">
                {t('pay')}
              </Link>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  )
}

export default function BookingsPage() {
  const { t } = useTranslation('bookings')
  const data = useLoaderData<typeof loader>()
  return (
    <div className="space-y-6">
      <PageTitle>{t('title')}</PageTitle>
      <Card>
        <h2 className="mb-2 text-base font-semibold text-slate-900">{t('upcoming')}</h2>
        <BookingList rows={data.upcoming} />
      </Card>
      <Card>
        <h2 className="mb-2 text-base font-semibold text-slate-900">{t('past')}</h2>
        <BookingList rows={data.past} />
      </Card>
    </div>
  )
}
