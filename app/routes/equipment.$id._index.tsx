// /equipment/:id: an instrument's public page: what it is and who owns it, its specs, photos
// and accreditation, its prices and rules, and the next seven days' free and busy time. The
// owner organisation's members also see it unpublished, under a draft banner.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import { Card, Notice } from '~/components/ui/form.tsx'
import { PriceFrom } from '~/components/equipment-results.tsx'
import { RatingSummary, ReviewList } from '~/components/equipment/listing-reviews.tsx'
import { now } from '~/clock.server.ts'
import { getAuth } from '~/domains/accounts/auth.server.ts'
import { weekdays } from '~/domains/equipment/equipment-terms.ts'
import {
  accreditationCurrent,
  parsePriceList,
  priceFrom,
  shanghaiDate,
} from '~/domains/equipment/listing-facts.ts'
import { loadPublicListing } from '~/domains/equipment/public-listing.server.ts'
import { listingRating, reviewsOf } from '~/domains/equipment/reviews.server.ts'
import { weekAvailability } from '~/domains/equipment/week-availability.server.ts'
import { segmentName } from '~/domains/spaces/segments.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { dayAndWeekday, formatDate } from '~/i18n/format.ts'
import { formatMoney } from '~/domains/payments/money.ts'
import { useRootData } from '~/root.tsx'
import { HoldBanner } from '~/components/hold-banner.tsx'
import { holdForReader } from '~/domains/moderation/holds.server.ts'
import { adminRolesAllow } from '~/domains/accounts/permissions.ts'
import { orgMemberBadges } from '~/domains/spaces/member-badges.server.ts'
import { MemberBadges } from '~/components/member-badge.tsx'
import { instrumentType } from '../../search/vocabulary.ts'

const REVIEWS_PER_PAGE = 10

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const found = await loadPublicListing(params.id ?? '', auth)
  if (!found) throw new Response('not found', { status: 404 })
  const { listing: l, org } = found
  const hold = await holdForReader(
    'listing',
    l.id,
    found.ownerMember || adminRolesAllow(auth?.adminRoles ?? [], 'view:admin:any'),
  )
  const at = now()
  const prices = parsePriceList(l.priceBlocks)
  const today = shanghaiDate(at)
  const type = instrumentType(l.typeId)
  const reviewsPage = Math.max(1, Number(new URL(request.url).searchParams.get('reviews')) || 1)
  // Only what a visitor may see: no street address, no people, no internal ids beyond the photos.
  return {
    hold,
    draft: !found.isPublic,
    status: l.status,
    orgVerified: org.status === 'verified',
    canEdit: found.ownerMember,
    listing: {
      id: l.id,
      name: l.name,
      category: l.category,
      type: type ? { zh: type.zh, en: type.en, abbreviations: type.abbreviations } : null,
      keywords: l.keywords,
      manufacturer: l.manufacturer,
      model: l.model,
      specs: l.specs,
      photoUploadIds: l.photoUploadIds,
      city: l.city,
      segments: l.segments,
      serviceModes: l.serviceModes,
      unitMinutes: l.unitMinutes,
      minUnits: l.minUnits,
      maxUnits: l.maxUnits,
      leadTimeHours: l.leadTimeHours,
      capacity: l.capacity,
      samplesPerDay: l.samplesPerDay,
      depositFen: l.depositFen,
      cancelFreeHours: l.cancelFreeHours,
      cancelLateFeeBp: l.cancelLateFeeBp,
      openingHours: l.openingHours,
      blackoutDates: l.blackoutDates.filter((d) => d >= today).sort(),
      instantBooking: l.instantBooking,
      memberPricing: l.memberPricing,
      vouchersAccepted: l.vouchersAccepted,
    },
    org: { slug: org.slug, name: org.name, nameEn: org.nameEn },
    orgBadges: await orgMemberBadges(org.id),
    accreditations: l.accreditations.map((a) => ({ ...a, current: accreditationCurrent(a, at) })),
    prices,
    from: priceFrom(prices),
    week: await weekAvailability(db(), l, at),
    rating: await listingRating(l.id),
    reviews: {
      page: reviewsPage,
      items: (
        await reviewsOf(l.id, {
          limit: REVIEWS_PER_PAGE,
          offset: (reviewsPage - 1) * REVIEWS_PER_PAGE,
        })
      ).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.listing.name} · 仪器设备 · 众创 Zhongchuang` : '众创 Zhongchuang' },
]

// The date is already Shanghai's calendar date, so it is formatted as it stands, in UTC.
const dateLabel = (date: string, lng: string) => {
  const { day, weekday } = dayAndWeekday(date, lng)
  return `${day} ${weekday}`
}

// Shortest block first, as a reader scans a price list.
const blockOrder = ['hour', 'half_day', 'day', 'sample'] as const

export default function EquipmentPage() {
  const { t } = useTranslation('equipment')
  const data = useLoaderData<typeof loader>()
  const { listing: l, org, prices } = data
  const lng = useRootData()?.locale ?? fallbackLanguage
  const orgName = lng === 'en' && org.nameEn ? org.nameEn : org.name
  const th = 'px-3 py-2 text-left text-sm font-medium text-slate-600'
  const td = 'px-3 py-2 text-sm text-slate-900'

  return (
    <div className="space-y-6">
      {data.hold ? <HoldBanner hold={data.hold} kind="listing" /> : null}
      {data.draft ? (
        <Notice tone="warning">
          {t(
            data.status === 'published' && !data.orgVerified
              ? 'detail.draft.orgUnverified'
              : `detail.draft.${data.status}`,
          )}
        </Notice>
      ) : null}
      <div>
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <span className="rounded-full bg-teal-50 px-2 py-0.5 font-medium text-teal-900 ring-1 ring-inset ring-teal-200">
            {t(`categories.${l.category}`)}
          </span>
          {data.accreditations.some((a) => a.current) ? (
            <span className="rounded-full bg-emerald-50 px-2 py-0.5 font-medium text-emerald-900 ring-1 ring-inset ring-emerald-200">
              {t('card.accredited')}
            </span>
          ) : null}
          {l.vouchersAccepted ? (
            <span className="rounded-full bg-amber-50 px-2 py-0.5 font-medium text-amber-900 ring-1 ring-inset ring-amber-200">
              {t('detail.vouchers')}
            </span>
          ) : null}
        </div>
        <h1 className="mt-2 text-2xl font-bold text-slate-900">{l.name}</h1>
        <RatingSummary average={data.rating.average} count={data.rating.count} />
        <p className="mt-1 text-slate-600">
          <Link to={`/orgs/${org.slug}`}>{orgName}</Link> · {l.city}
          {l.segments.map((s) => ` · ${segmentName(s, lng)}`).join('')}
        </p>
        <MemberBadges badges={data.orgBadges} className="mt-2" />
        {data.from ? (
          <p className="mt-2 text-lg font-semibold text-slate-900">
            <PriceFrom priceKind={data.from.priceKind} priceFen={data.from.priceFen} lng={lng} />
          </p>
        ) : null}
        <div className="mt-3 flex flex-wrap items-center gap-4">
          {/* Only a published listing can be booked; the owner's own draft cannot. */}
          {data.draft ? null : (
            <Link
              to={`/equipment/${l.id}/book`}
              className="inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 hover:no-underline"
            >
              {t('detail.book')}
            </Link>
          )}
          {data.canEdit ? (
            <Link to={`/equipment/${l.id}/edit`} className="text-sm">
              {t('detail.edit')}
            </Link>
          ) : null}
        </div>
      </div>

      {l.photoUploadIds.length > 0 ? (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label={t('detail.photos')}>
          {l.photoUploadIds.map((id, i) => (
            <li key={id}>
              <img
                src={`/uploads/${id}`}
                alt={t('detail.photoAlt', { name: l.name, n: i + 1 })}
                className="aspect-[4/3] w-full rounded-lg border border-slate-200 object-cover"
                loading="lazy"
              />
            </li>
          ))}
        </ul>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-6">
          <Card>
            <h2 className="text-lg font-semibold">{t('detail.overview')}</h2>
            <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-x-3 gap-y-2 text-sm">
              {l.type ? (
                <>
                  <dt className="text-slate-600">{t('typeInfo.label')}</dt>
                  <dd>
                    <Link
                      to={`/search?${new URLSearchParams({ q: l.type.zh, kind: 'equipment' })}`}
                      title={t('typeInfo.more')}
                    >
                      {lng === 'en' ? l.type.en : l.type.zh}
                    </Link>
                    <span className="text-slate-600">
                      {[lng === 'en' ? l.type.zh : l.type.en, ...l.type.abbreviations]
                        .map((n) => ` · ${n}`)
                        .join('')}
                    </span>
                  </dd>
                </>
              ) : null}
              {l.keywords.length > 0 ? (
                <>
                  <dt className="text-slate-600">{t('typeInfo.keywords')}</dt>
                  <dd>
                    <ul className="flex flex-wrap gap-1.5">
                      {l.keywords.map((k) => (
                        <li
                          key={k}
                          className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-800 ring-1 ring-inset ring-slate-200"
                        >
                          {k}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
              <dt className="text-slate-600">{t('detail.manufacturer')}</dt>
              <dd>{[l.manufacturer, l.model].filter(Boolean).join(' ') || '—'}</dd>
              <dt className="text-slate-600">{t('detail.modes')}</dt>
              <dd>{l.serviceModes.map((m) => t(`modes.${m}`)).join('、')}</dd>
              <dt className="text-slate-600">{t('detail.booking')}</dt>
              <dd>{t(l.instantBooking ? 'detail.instant' : 'detail.request')}</dd>
              <dt className="text-slate-600">{t('detail.units')}</dt>
              <dd>
                {t('detail.unitsValue', {
                  unit: l.unitMinutes,
                  min: l.minUnits,
                  max: l.maxUnits,
                })}
                {l.capacity > 1 ? ` · ${t('detail.capacity', { count: l.capacity })}` : ''}
              </dd>
              {l.leadTimeHours > 0 ? (
                <>
                  <dt className="text-slate-600">{t('detail.leadTime')}</dt>
                  <dd>{t('detail.leadTimeValue', { count: l.leadTimeHours })}</dd>
                </>
              ) : null}
              {l.samplesPerDay ? (
                <>
                  <dt className="text-slate-600">{t('detail.samplesPerDay')}</dt>
                  <dd>{l.samplesPerDay}</dd>
                </>
              ) : null}
              <dt className="text-slate-600">{t('detail.address')}</dt>
              <dd>{t('detail.addressValue', { city: l.city })}</dd>
            </dl>
          </Card>

          <Card>
            <h2 className="text-lg font-semibold">{t('detail.specs')}</h2>
            {l.specs.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('detail.noSpecs')}</p>
            ) : (
              <div className="mt-3 overflow-x-auto">
                <table className="w-full border-collapse">
                  <thead className="border-b border-slate-200">
                    <tr>
                      <th scope="col" className={th}>
                        {t('detail.specKey')}
                      </th>
                      <th scope="col" className={th}>
                        {t('detail.specValue')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {l.specs.map((s) => (
                      <tr key={s.key} className="border-b border-slate-100 last:border-0">
                        <th scope="row" className={`${td} text-left font-normal text-slate-700`}>
                          {s.key}
                        </th>
                        <td className={td}>
                          {s.value}
                          {s.unit ? ` ${s.unit}` : ''}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>

          <Card>
            <h2 className="text-lg font-semibold">{t('detail.accreditation')}</h2>
            {data.accreditations.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('detail.noAccreditation')}</p>
            ) : (
              <ul className="mt-3 space-y-2 text-sm">
                {data.accreditations.map((a) => (
                  <li key={`${a.kind}-${a.certificateNo}`}>
                    <span className="font-medium">{t(`accreditationKinds.${a.kind}`)}</span>{' '}
                    {t('detail.certificate', {
                      no: a.certificateNo,
                      date: formatDate(`${a.expiresOn}T12:00:00+08:00`, lng),
                    })}
                    {a.current ? null : (
                      <span className="ml-2 rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800 ring-1 ring-inset ring-red-200">
                        {t('detail.expired')}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card>
            <h2 id="availability" className="text-lg font-semibold">
              {t('detail.availability')}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t('detail.availabilityNote')}</p>
            <ul className="mt-3 divide-y divide-slate-100" aria-labelledby="availability">
              {data.week.map((day) => (
                <li key={day.date} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 py-2">
                  <span className="w-28 shrink-0 text-sm font-medium">
                    {dateLabel(day.date, lng)}
                  </span>
                  {day.blackout ? (
                    <span className="text-sm text-slate-600">{t('detail.blackout')}</span>
                  ) : day.closed ? (
                    <span className="text-sm text-slate-600">{t('detail.closed')}</span>
                  ) : (
                    <ul className="flex flex-wrap gap-1.5">
                      {day.stretches.map((s) => (
                        <li
                          key={s.from}
                          className={`rounded px-2 py-0.5 text-xs ring-1 ring-inset ${
                            s.state === 'free'
                              ? 'bg-green-50 text-green-900 ring-green-200'
                              : s.state === 'busy'
                                ? 'bg-slate-200 text-slate-800 ring-slate-300'
                                : 'bg-white text-slate-500 ring-slate-200'
                          }`}
                        >
                          {s.from}–{s.to} {t(`detail.states.${s.state}`)}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </Card>

          <Card>
            <h2 id="reviews" className="text-lg font-semibold">
              {t('detail.reviews')}
            </h2>
            {data.rating.count === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('detail.noReviews')}</p>
            ) : (
              <ReviewList
                reviews={data.reviews.items}
                page={data.reviews.page}
                pages={Math.ceil(data.rating.count / REVIEWS_PER_PAGE)}
                lng={lng}
              />
            )}
          </Card>
        </div>

        <div className="space-y-6">
          <Card>
            <h2 className="text-lg font-semibold">{t('detail.prices')}</h2>
            {prices ? (
              <table className="mt-3 w-full border-collapse">
                <tbody>
                  {blockOrder.map((kind) => {
                    const block = prices.blocks[kind]
                    if (!block) return null
                    const hours = 'hours' in block ? block.hours : undefined
                    return (
                      <tr key={kind} className="border-b border-slate-100 last:border-0">
                        <th scope="row" className={`${td} text-left font-normal text-slate-700`}>
                          {t(`blocks.${kind}`, { hours })}
                        </th>
                        <td className={`${td} text-right`}>
                          <span className="font-medium">
                            {formatMoney(block.priceFen, 'CNY', lng)}
                          </span>
                          {block.memberPriceFen !== undefined ? (
                            <span className="block text-xs text-slate-600">
                              {t('detail.memberPrice', {
                                price: formatMoney(block.memberPriceFen, 'CNY', lng),
                              })}
                            </span>
                          ) : null}
                        </td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            ) : (
              <p className="mt-2 text-sm text-slate-600">{t('detail.noPrices')}</p>
            )}
            <dl className="mt-4 space-y-2 text-sm">
              <div>
                <dt className="text-slate-600">{t('detail.deposit')}</dt>
                <dd>
                  {l.depositFen > 0
                    ? t('detail.depositValue', { price: formatMoney(l.depositFen, 'CNY', lng) })
                    : t('detail.noDeposit')}
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('detail.cancellation')}</dt>
                <dd>
                  {l.cancelLateFeeBp > 0
                    ? t('detail.cancellationValue', {
                        hours: l.cancelFreeHours,
                        percent: l.cancelLateFeeBp / 100,
                      })
                    : t('detail.cancellationFree')}
                </dd>
              </div>
              {l.memberPricing ? (
                <div>
                  <dt className="text-slate-600">{t('detail.memberPricing')}</dt>
                  <dd>{t('detail.memberPricingValue')}</dd>
                </div>
              ) : null}
            </dl>
          </Card>

          <Card>
            <h2 className="text-lg font-semibold">{t('detail.openingHours')}</h2>
            <p className="mt-1 text-xs text-slate-600">{t('detail.timeZone')}</p>
            <dl className="mt-3 grid grid-cols-[4rem_1fr] gap-y-1 text-sm">
              {weekdays.map((d) => {
                const hours = l.openingHours[d] ?? []
                return (
                  <div key={d} className="contents">
                    <dt className="text-slate-600">{t(`weekdays.${d}`)}</dt>
                    <dd>
                      {hours.length > 0
                        ? hours.map(([from, to]) => `${from}–${to}`).join('，')
                        : t('detail.closed')}
                    </dd>
                  </div>
                )
              })}
            </dl>
            {l.blackoutDates.length > 0 ? (
              <p className="mt-3 text-sm text-slate-700">
                {t('detail.blackoutDates', {
                  dates: l.blackoutDates
                    .map((d) => formatDate(`${d}T12:00:00+08:00`, lng))
                    .join('、'),
                })}
              </p>
            ) : null}
          </Card>
        </div>
      </div>
    </div>
  )
}
