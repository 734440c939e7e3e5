// /equipment/dashboard: the instrument owner's home. For one of the person's organisations with
// listings (a switcher when there are several): a week of bookings across its instruments,
// requests to approve, utilisation over the last 30 days, and, for those who run its finances,
// revenue, vouchers to redeem and reports still to upload.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { inArray } from 'drizzle-orm'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import { equipmentListings } from '../../db/schema/index.ts'
import { Card, Notice, PageTitle } from '~/components/ui/form.tsx'
import { now } from '~/clock.server.ts'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { checkOrgPermission } from '~/domains/accounts/permissions.ts'
import { ownerDashboard } from '~/domains/equipment/dashboard.server.ts'
import { localMidnight } from '~/domains/equipment/utilisation.ts'
import { formatMoney } from '~/domains/payments/money.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { dayAndWeekday, formatDate, formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const memberOf = auth.memberships.map((m) => m.orgId)
  const listed = memberOf.length
    ? await db()
        .selectDistinct({ orgId: equipmentListings.orgId })
        .from(equipmentListings)
        .where(inArray(equipmentListings.orgId, memberOf))
    : []
  const orgs = auth.memberships.filter((m) => listed.some((l) => l.orgId === m.orgId))
  const url = new URL(request.url)
  const chosen = orgs.find((o) => o.orgId === url.searchParams.get('org')) ?? orgs[0]
  const week = url.searchParams.get('week') === '1' ? 1 : 0
  const orgChoices = orgs.map((o) => ({ id: o.orgId, name: o.name }))
  if (!chosen) return { orgs: orgChoices, orgId: null, week, view: null, money: null }
  const view = await ownerDashboard(db(), chosen.orgId, now())
  // Money is for those who run the organisation's finances; the rest see the schedule.
  const seesMoney = checkOrgPermission(chosen, 'manage:finance:own') === null
  const { revenue, vouchers, vouchersTotalFen, ...schedule } = view
  return {
    orgs: orgChoices,
    orgId: chosen.orgId,
    week,
    view: schedule,
    money: seesMoney ? { revenue, vouchers, vouchersTotalFen } : null,
  }
}

export const meta: MetaFunction = () => [{ title: '设备看板 · 众创 Zhongchuang' }]

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type View = NonNullable<Data['view']>
type CalendarBooking = View['calendar']['bookings'][number]

const DAY = 24 * 3_600_000

const statusTone: Record<string, string> = {
  requested: 'border-amber-300 bg-amber-50 text-amber-900',
  approved: 'border-amber-300 bg-amber-50 text-amber-900',
  awaiting_payment: 'border-amber-300 bg-amber-50 text-amber-900',
  paid: 'border-brand-100 bg-brand-50 text-brand-800',
  in_progress: 'border-brand-600 bg-brand-50 text-brand-800',
  completed: 'border-green-200 bg-green-50 text-green-900',
  reviewed: 'border-green-200 bg-green-50 text-green-900',
  no_show: 'border-slate-300 bg-slate-100 text-slate-600',
}

function useLng() {
  return useRootData()?.locale ?? fallbackLanguage
}

/** 14:30 in Beijing time. */
function clock(value: Date | string, lng: string) {
  return new Intl.DateTimeFormat(lng, {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(value))
}

/** "周二 9/1" or "Tue 9/1" for a local date. */
function dayLabel(date: string, lng: string) {
  const { day, weekday } = dayAndWeekday(date, lng)
  return `${weekday} ${day}`
}

const onDay = (b: CalendarBooking, date: string) => {
  const from = localMidnight(date)
  return new Date(b.startsAt).getTime() < from + DAY && new Date(b.endsAt).getTime() > from
}

function BookingChip({ b, listingName }: { b: CalendarBooking; listingName?: string }) {
  const { t } = useTranslation(['equipment-dashboard', 'bookings'])
  const lng = useLng()
  const who = b.bookerOrgName ?? b.bookerName
  return (
    <Link
      to={`/bookings/${b.id}`}
      className={`block rounded border px-1.5 py-1 text-xs leading-snug no-underline ${statusTone[b.status] ?? ''}`}
      title={`${t(`bookings:status.${b.status}`)} · ${who}`}
    >
      {listingName ? <span className="block font-medium">{listingName}</span> : null}
      <span className="block tabular-nums">
        {b.serviceMode === 'sample_testing'
          ? t('owner.calendar.samples', { count: b.sampleCount ?? 0 })
          : `${clock(b.startsAt, lng)}–${clock(b.endsAt, lng)}`}
      </span>
      <span className="block truncate">{who}</span>
      <span className="block opacity-80">{t(`bookings:status.${b.status}`)}</span>
    </Link>
  )
}

function WeekCalendar({ view, week, query }: { view: View; week: number; query: string }) {
  const { t } = useTranslation('equipment-dashboard')
  const lng = useLng()
  const days = view.calendar.days.slice(week * 7, week * 7 + 7)
  const bookings = view.calendar.bookings
  const inWeek = bookings.filter((b) => days.some((d) => onDay(b, d)))
  const nameOf = new Map(view.listings.map((l) => [l.id, l.name]))
  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">{t('owner.calendar.title')}</h2>
        <nav className="flex gap-1 text-sm" aria-label={t('owner.calendar.title')}>
          {[0, 1].map((w) => (
            <Link
              key={w}
              to={`?${query}${query ? '&' : ''}week=${w}`}
              aria-current={w === week ? 'page' : undefined}
              className={`rounded-md border px-3 py-1 no-underline ${
                w === week
                  ? 'border-brand-600 bg-brand-600 text-white'
                  : 'border-slate-300 text-slate-700'
              }`}
            >
              {w === 0 ? t('owner.calendar.thisWeek') : t('owner.calendar.nextWeek')}
            </Link>
          ))}
        </nav>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {formatDate(`${days[0] ?? ''}T12:00:00+08:00`, lng)} –{' '}
        {formatDate(`${days[days.length - 1] ?? ''}T12:00:00+08:00`, lng)} · {t('owner.timesNote')}
      </p>

      {/* Wide screens: rows are instruments, columns are days. */}
      <div className="mt-3 hidden overflow-x-auto md:block">
        <table className="w-full table-fixed border-collapse text-sm">
          <thead>
            <tr>
              <th scope="col" className="w-36 p-1 text-left text-xs font-medium text-slate-600">
                {t('owner.calendar.instrument')}
              </th>
              {days.map((d) => (
                <th
                  key={d}
                  scope="col"
                  className="p-1 text-left text-xs font-medium whitespace-nowrap text-slate-600"
                >
                  {dayLabel(d, lng)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.listings.map((l) => (
              <tr key={l.id} className="border-t border-slate-200 align-top">
                <th scope="row" className="p-1 text-left text-xs font-medium text-slate-800">
                  {l.name}
                </th>
                {days.map((d) => {
                  const here = inWeek.filter((b) => b.listingId === l.id && onDay(b, d))
                  return (
                    <td key={d} className="p-1">
                      {here.length === 0 ? (
                        <span className="text-xs text-slate-300">{t('owner.calendar.free')}</span>
                      ) : (
                        <div className="space-y-1">
                          {here.map((b) => (
                            <BookingChip key={b.id} b={b} />
                          ))}
                        </div>
                      )}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {/* Phones: a list per day. */}
      <div className="mt-3 space-y-3 md:hidden">
        {inWeek.length === 0 ? (
          <p className="text-sm text-slate-500">{t('owner.calendar.empty')}</p>
        ) : (
          days.map((d) => {
            const here = inWeek.filter((b) => onDay(b, d))
            if (here.length === 0) return null
            return (
              <section key={d}>
                <h3 className="text-xs font-semibold text-slate-600">{dayLabel(d, lng)}</h3>
                <div className="mt-1 grid gap-1">
                  {here.map((b) => (
                    <BookingChip key={b.id} b={b} listingName={nameOf.get(b.listingId)} />
                  ))}
                </div>
              </section>
            )
          })
        )}
      </div>
      {inWeek.length === 0 ? (
        <p className="mt-2 hidden text-sm text-slate-500 md:block">{t('owner.calendar.empty')}</p>
      ) : null}
    </Card>
  )
}

function Pending({ view }: { view: View }) {
  const { t } = useTranslation(['equipment-dashboard', 'bookings'])
  const lng = useLng()
  return (
    <Card>
      <h2 className="text-base font-semibold text-slate-900">
        {t('owner.pending.title')}
        {view.pending.length > 0 ? (
          <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900">
            {view.pending.length}
          </span>
        ) : null}
      </h2>
      {view.pending.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{t('owner.pending.none')}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200">
          {view.pending.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <div className="min-w-0 text-sm">
                <p className="font-medium text-slate-900">
                  {p.listingName}
                  {p.isRetest ? (
                    <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                      {t('owner.pending.retest')}
                    </span>
                  ) : null}
                </p>
                <p className="text-slate-600">
                  {p.bookerOrgName ? `${p.bookerOrgName} · ` : ''}
                  {p.bookerName}
                </p>
                <p className="text-slate-600 tabular-nums">
                  {p.serviceMode === 'sample_testing'
                    ? t('owner.pending.samples', {
                        count: p.sampleCount ?? 0,
                        date: formatDate(p.startsAt, lng),
                      })
                    : `${formatDateTime(p.startsAt, lng)} – ${clock(p.endsAt, lng)}`}
                </p>
                <p className="text-xs text-slate-500">
                  {t('owner.pending.requestedAt', { at: formatDateTime(p.createdAt, lng) })}
                  {p.holdUntil ? (
                    <>
                      {' · '}
                      <span className="font-medium text-amber-800">
                        {t('owner.pending.holdUntil', { at: formatDateTime(p.holdUntil, lng) })}
                      </span>
                    </>
                  ) : null}
                </p>
              </div>
              <Link
                to={`/bookings/${p.id}`}
                className="bg-brand-600 hover:bg-brand-700 rounded-md px-3 py-1.5 text-sm font-medium text-white no-underline"
              >
                {t('owner.pending.review')}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}

function UtilisationTable({ view }: { view: View }) {
  const { t } = useTranslation('equipment-dashboard')
  const lng = useLng()
  const hours = (h: number) => new Intl.NumberFormat(lng, { maximumFractionDigits: 1 }).format(h)
  const percent = (r: number) =>
    new Intl.NumberFormat(lng, { style: 'percent', maximumFractionDigits: 1 }).format(r)
  return (
    <Card>
      <h2 className="text-base font-semibold text-slate-900">{t('owner.utilisation.title')}</h2>
      <p className="mt-1 text-xs text-slate-500">{t('owner.utilisation.explain')}</p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-slate-600">
              <th scope="col" className="py-1 pr-3 font-medium">
                {t('owner.utilisation.instrument')}
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                {t('owner.utilisation.ratio')}
              </th>
              <th
                scope="col"
                className="hidden py-1 pr-3 font-medium whitespace-nowrap sm:table-cell"
              >
                {t('owner.utilisation.hours')}
              </th>
              <th scope="col" className="hidden py-1 font-medium whitespace-nowrap sm:table-cell">
                {t('owner.utilisation.samples')}
              </th>
            </tr>
          </thead>
          <tbody>
            {view.utilisation.map((u) => (
              <tr key={u.listingId} className="border-t border-slate-200 align-top">
                <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-900">
                  {u.name}
                  <span className="block text-xs font-normal text-slate-500">
                    {t('owner.utilisation.units', { count: u.capacity })}
                  </span>
                  {/* Phones: the figures the hidden columns hold. */}
                  <span className="block text-xs font-normal text-slate-500 sm:hidden">
                    {t('owner.utilisation.hoursValue', {
                      booked: hours(u.bookedHours),
                      open: hours(u.openHours),
                    })}
                    {u.sampleTesting
                      ? ` · ${t('owner.utilisation.samples')} ${t('owner.utilisation.samplesValue', { count: u.samplesTested })}`
                      : ''}
                  </span>
                </th>
                <td className="w-1/2 py-2 pr-3 sm:w-2/5">
                  {u.ratio === null ? (
                    <span className="text-xs text-slate-500">{t('owner.utilisation.noOpen')}</span>
                  ) : (
                    <div className="flex items-center gap-2">
                      <div
                        className="h-2.5 flex-1 overflow-hidden rounded-full bg-slate-100"
                        aria-hidden="true"
                      >
                        <div
                          className="bg-brand-600 h-full rounded-full"
                          style={{ width: `${Math.min(100, u.ratio * 100)}%` }}
                        />
                      </div>
                      <span className="w-12 shrink-0 text-right tabular-nums">
                        {percent(u.ratio)}
                      </span>
                    </div>
                  )}
                </td>
                <td className="hidden py-2 pr-3 whitespace-nowrap tabular-nums sm:table-cell">
                  {t('owner.utilisation.hoursValue', {
                    booked: hours(u.bookedHours),
                    open: hours(u.openHours),
                  })}
                </td>
                <td className="hidden py-2 whitespace-nowrap tabular-nums sm:table-cell">
                  {u.sampleTesting
                    ? t('owner.utilisation.samplesValue', { count: u.samplesTested })
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  )
}

type MoneyData = NonNullable<Data['money']>

function Revenue({ revenue }: { revenue: MoneyData['revenue'] }) {
  const { t } = useTranslation('equipment-dashboard')
  const lng = useLng()
  const fmt = (fen: number) => formatMoney(fen, 'CNY', lng)
  return (
    <Card>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">{t('owner.revenue.title')}</h2>
        <Link to="/finance" className="text-sm">
          {t('owner.revenue.finance')}
        </Link>
      </div>
      <p className="mt-1 text-xs text-slate-500">{t('owner.revenue.explain')}</p>
      <dl className="mt-3 grid gap-3 sm:grid-cols-3">
        <div className="rounded-md border border-slate-200 p-3">
          <dt className="text-xs text-slate-600">{t('owner.revenue.last30')}</dt>
          <dd className="mt-1 text-xl font-semibold tabular-nums">
            {fmt(revenue.releasedLast30Fen)}
          </dd>
        </div>
        <div className="rounded-md border border-slate-200 p-3">
          <dt className="text-xs text-slate-600">{t('owner.revenue.month')}</dt>
          <dd className="mt-1 text-xl font-semibold tabular-nums">
            {fmt(revenue.releasedThisMonthFen)}
          </dd>
        </div>
        <div className="rounded-md border border-dashed border-slate-300 p-3">
          <dt className="text-xs text-slate-600">{t('owner.revenue.awaiting')}</dt>
          <dd className="mt-1 text-xl font-semibold text-slate-700 tabular-nums">
            {fmt(revenue.awaitingReleaseFen)}
          </dd>
          <dd className="text-xs text-slate-500">
            {t('owner.revenue.awaitingCount', { count: revenue.awaitingReleaseCount })}
          </dd>
        </div>
      </dl>
    </Card>
  )
}

function Vouchers({ money }: { money: MoneyData }) {
  const { t } = useTranslation('equipment-dashboard')
  const lng = useLng()
  const fmt = (fen: number) => formatMoney(fen, 'CNY', lng)
  return (
    <Card>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">{t('owner.vouchers.title')}</h2>
        <Link to="/equipment/vouchers" className="text-sm">
          {t('owner.vouchers.manage')}
        </Link>
      </div>
      {money.vouchers.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{t('owner.vouchers.none')}</p>
      ) : (
        <>
          <ul className="mt-2 divide-y divide-slate-200 text-sm">
            {money.vouchers.map((v) => (
              <li key={v.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div className="min-w-0">
                  <Link to="/equipment/vouchers">{v.listingName}</Link>
                  <p className="text-xs text-slate-600">
                    {v.bookerOrgName ?? v.bookerName} · {formatDate(v.startsAt, lng)} ·{' '}
                    {t(`owner.vouchers.status.${v.status}`)}
                    {v.packetNo ? ` · ${t('owner.vouchers.packet', { no: v.packetNo })}` : ''}
                  </p>
                </div>
                <span className="tabular-nums">{fmt(v.amountFen)}</span>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-right text-sm font-medium tabular-nums">
            {t('owner.vouchers.total', { amount: fmt(money.vouchersTotalFen) })}
          </p>
        </>
      )}
    </Card>
  )
}

function ReportsDue({ view }: { view: View }) {
  const { t } = useTranslation(['equipment-dashboard', 'bookings'])
  const lng = useLng()
  return (
    <Card>
      <h2 className="text-base font-semibold text-slate-900">{t('owner.reports.title')}</h2>
      {view.reportsDue.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{t('owner.reports.none')}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200 text-sm">
          {view.reportsDue.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">{r.listingName}</p>
                <p className="text-xs text-slate-600">
                  {r.bookerOrgName ?? r.bookerName} ·{' '}
                  {t('owner.reports.samples', {
                    count: r.sampleCount ?? 0,
                    date: formatDate(r.startsAt, lng),
                  })}{' '}
                  · {t(`bookings:status.${r.status}`)}
                </p>
              </div>
              <Link to={`/bookings/${r.id}`}>{t('owner.reports.upload')}</Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}

export default function EquipmentDashboardPage() {
  const { t } = useTranslation('equipment-dashboard')
  const data = useLoaderData<typeof loader>()
  const query = data.orgId && data.orgs.length > 1 ? `org=${data.orgId}` : ''
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle sub={t('owner.sub')}>{t('owner.title')}</PageTitle>
        <Link to="/equipment/mine" className="text-sm">
          {t('owner.mine')}
        </Link>
      </div>
      {data.orgs.length > 1 ? (
        <nav aria-label={t('owner.orgSwitch')} className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-slate-600">{t('owner.orgSwitch')}</span>
          {data.orgs.map((o) => (
            <Link
              key={o.id}
              to={`?org=${o.id}`}
              aria-current={o.id === data.orgId ? 'page' : undefined}
              className={`rounded-full border px-3 py-1 text-sm no-underline ${
                o.id === data.orgId
                  ? 'border-brand-600 bg-brand-600 text-white'
                  : 'border-slate-300 text-slate-700'
              }`}
            >
              {o.name}
            </Link>
          ))}
        </nav>
      ) : data.orgs[0] ? (
        <p className="text-sm text-slate-600">{data.orgs[0].name}</p>
      ) : null}
      {!data.view ? (
        <Card>
          <Notice>{t('owner.noOrg')}</Notice>
          <p className="mt-3 text-sm">
            <Link to="/equipment/new">{t('owner.addListing')}</Link>
          </p>
        </Card>
      ) : (
        <>
          {data.money ? <Revenue revenue={data.money.revenue} /> : null}
          <div className="grid items-start gap-6 lg:grid-cols-2">
            <Pending view={data.view} />
            <ReportsDue view={data.view} />
          </div>
          <WeekCalendar view={data.view} week={data.week} query={query} />
          <div className="grid items-start gap-6 lg:grid-cols-2">
            <UtilisationTable view={data.view} />
            {data.money ? <Vouchers money={data.money} /> : null}
          </div>
        </>
      )}
    </div>
  )
}
