// /bookings: the booker's dashboard. The instruments a person booked, for themself or for their
// organisations: what is still to pay, upcoming bookings soonest first, past ones most recent
// first, each with its payments; the test reports to download and the receipts and 发票 of
// what was paid.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import { PaymentStatus } from '~/components/payment-status.tsx'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { now } from '~/clock.server.ts'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { bookerDashboard } from '~/domains/equipment/dashboard.server.ts'
import { formatMoney } from '~/domains/payments/money.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDate, formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  return bookerDashboard(
    db(),
    auth.user.id,
    auth.memberships.map((m) => m.orgId),
    now(),
  )
}

export const meta: MetaFunction = () => [{ title: '我的预约 · 众创 Zhongchuang' }]

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type Row = Data['upcoming'][number]

/** The most recent receipts; the rest are on /payments. */
const RECEIPTS_SHOWN = 8

function useLng() {
  return useRootData()?.locale ?? fallbackLanguage
}

const statusTone: Record<string, string> = {
  requested: 'bg-amber-50 text-amber-900',
  approved: 'bg-amber-50 text-amber-900',
  awaiting_payment: 'bg-amber-100 text-amber-900',
  paid: 'bg-brand-50 text-brand-800',
  in_progress: 'bg-brand-50 text-brand-800',
  completed: 'bg-green-50 text-green-900',
  reviewed: 'bg-green-50 text-green-900',
}

function When({ r }: { r: Row }) {
  const { t } = useTranslation('equipment-dashboard')
  const lng = useLng()
  if (r.serviceMode === 'sample_testing')
    return (
      <>{t('booker.samples', { count: r.sampleCount ?? 0, date: formatDate(r.startsAt, lng) })}</>
    )
  const end = new Intl.DateTimeFormat(lng, {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(r.endsAt))
  return (
    <>
      {formatDateTime(r.startsAt, lng)} – {end}
    </>
  )
}

function BookingList({ rows }: { rows: Row[] }) {
  const { t } = useTranslation(['equipment-dashboard', 'bookings'])
  const lng = useLng()
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t('booker.none')}</p>
  return (
    <ul className="divide-y divide-slate-200">
      {rows.map((r) => {
        const payments = [
          r.price ? { kind: 'price' as const, ...r.price } : null,
          r.deposit ? { kind: 'deposit' as const, ...r.deposit } : null,
          r.voucherDebt ? { kind: 'voucherDebt' as const, ...r.voucherDebt } : null,
        ].filter((p) => p !== null)
        return (
          <li key={r.id} className="space-y-1.5 py-3 text-sm">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <Link to={`/bookings/${r.id}`} className="text-brand-700 font-medium underline">
                  {r.listingName}
                </Link>
                {r.isRetest ? (
                  <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                    {t('booker.retest')}
                  </span>
                ) : null}
                <p className="text-xs text-slate-500">{r.providerName}</p>
                <p className="text-slate-700 tabular-nums">
                  <When r={r} />
                </p>
              </div>
              <span
                className={`rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${statusTone[r.status] ?? 'bg-slate-100 text-slate-700'}`}
              >
                {t(`bookings:status.${r.status}`)}
              </span>
            </div>
            {payments.length > 0 || r.reportHref ? (
              <div className="flex flex-wrap items-center gap-x-4 gap-y-1.5">
                {payments.map((p) => (
                  <span key={p.id} className="inline-flex items-center gap-1.5">
                    <Link to={`/payments/${p.id}`} className="text-slate-700">
                      {t(`booker.kind.${p.kind}`)} {formatMoney(p.amountFen, 'CNY', lng)}
                    </Link>
                    <PaymentStatus status={p.status} />
                  </span>
                ))}
                {r.reportHref ? (
                  <a href={r.reportHref} className="font-medium">
                    {t('booker.report')}
                  </a>
                ) : null}
              </div>
            ) : null}
            {r.owed.length > 0 ? (
              <div className="flex flex-wrap gap-2">
                {r.owed.map((p) => (
                  <Link
                    key={p.id}
                    to={`/payments/${p.id}`}
                    className="bg-brand-600 hover:bg-brand-700 rounded-md px-3 py-1 text-xs font-medium text-white no-underline"
                  >
                    {t('booker.pay')} · {formatMoney(p.amountFen, 'CNY', lng)}
                  </Link>
                ))}
              </div>
            ) : null}
          </li>
        )
      })}
    </ul>
  )
}

export default function BookingsPage() {
  const { t } = useTranslation('equipment-dashboard')
  const data = useLoaderData<typeof loader>()
  const lng = useLng()
  const fmt = (fen: number) => formatMoney(fen, 'CNY', lng)
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle sub={t('booker.sub')}>{t('booker.title')}</PageTitle>
        <Link to="/equipment" className="text-sm">
          {t('booker.browse')}
        </Link>
      </div>

      {data.owed.length > 0 ? (
        <Card>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-base font-semibold text-slate-900">{t('booker.owed.title')}</h2>
            <span className="text-lg font-semibold tabular-nums">
              {t('booker.owed.total', { amount: fmt(data.owedFen) })}
            </span>
          </div>
          <ul className="mt-2 divide-y divide-slate-200 text-sm">
            {data.owed.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div className="min-w-0">
                  <Link to={`/bookings/${p.bookingId}`}>{p.listingName}</Link>
                  <p className="text-xs text-slate-600">{t(`booker.kind.${p.kind}`)}</p>
                </div>
                <div className="flex items-center gap-3">
                  <span className="tabular-nums">{fmt(p.amountFen)}</span>
                  <Link
                    to={`/payments/${p.id}`}
                    className="bg-brand-600 hover:bg-brand-700 rounded-md px-3 py-1 text-xs font-medium text-white no-underline"
                  >
                    {t('booker.pay')}
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card>
        <h2 className="mb-1 text-base font-semibold text-slate-900">{t('booker.upcoming')}</h2>
        <BookingList rows={data.upcoming} />
      </Card>

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="text-base font-semibold text-slate-900">{t('booker.reports.title')}</h2>
          {data.reports.length === 0 ? (
            <p className="mt-2 text-sm text-slate-500">{t('booker.reports.none')}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-200 text-sm">
              {data.reports.map((r) => (
                <li
                  key={r.bookingId}
                  className="flex flex-wrap items-center justify-between gap-2 py-2"
                >
                  <div className="min-w-0">
                    <Link to={`/bookings/${r.bookingId}`}>{r.listingName}</Link>
                    {r.uploadedAt ? (
                      <p className="text-xs text-slate-600">
                        {t('booker.reports.uploadedAt', { at: formatDateTime(r.uploadedAt, lng) })}
                      </p>
                    ) : null}
                  </div>
                  <a href={r.href} className="font-medium">
                    {t('booker.reports.download')}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <h2 className="text-base font-semibold text-slate-900">{t('booker.receipts.title')}</h2>
          {data.receipts.length === 0 ? (
            <p className="mt-2 text-sm text-slate-500">{t('booker.receipts.none')}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-200 text-sm">
              {data.receipts.slice(0, RECEIPTS_SHOWN).map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <div className="min-w-0">
                    <p className="text-slate-900">{r.listingName}</p>
                    <p className="flex items-center gap-2 text-xs text-slate-600">
                      {formatDate(r.startsAt, lng)} · {t(`booker.kind.${r.kind}`)} ·{' '}
                      {fmt(r.amountFen)}
                      <PaymentStatus status={r.status} />
                    </p>
                  </div>
                  <div className="flex gap-3">
                    <Link to={r.href}>{t('booker.receipts.view')}</Link>
                    {r.fapiaoHref ? (
                      <Link to={r.fapiaoHref}>{t('booker.receipts.fapiao')}</Link>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2 text-sm">
            <Link to="/payments">{t('booker.receipts.all')}</Link>
          </p>
        </Card>
      </div>

      <Card>
        <h2 className="mb-1 text-base font-semibold text-slate-900">{t('booker.past')}</h2>
        <BookingList rows={data.past} />
      </Card>
    </div>
  )
}
