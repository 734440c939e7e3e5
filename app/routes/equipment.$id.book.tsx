// /equipment/:id/book: the booking form for an instrument. The loader reads what the form holds
// from the query string (a GET by the "update quote" button, a calendar pick, or the page's own
// fetcher while typing) and answers with the week's calendar, the slot's check and the price
// preview, all computed on the server; the action books through requestBooking, and a slot
// taken meanwhile is answered with the next free starts, the booker's typed values kept.
import { getFormProps, getInputProps, getSelectProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  Form,
  useActionData,
  useFetcher,
  useLoaderData,
  useLocation,
  useNavigation,
} from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import { holdForReader } from '~/domains/moderation/holds.server.ts'
import { now } from '~/clock.server.ts'
import { SlotPicker, slotConflict } from '~/components/equipment/slot-picker.tsx'
import {
  Button,
  Card,
  ErrorList,
  Field,
  FormErrors,
  Notice,
  PageTitle,
  SelectField,
  TextareaField,
  translateError,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { actingParty, requireMember } from '~/domains/accounts/auth.server.ts'
import {
  BookingRequestSchema,
  shanghaiInstant,
} from '~/domains/equipment/booking-request.schema.ts'
import { loadPublicListing } from '~/domains/equipment/public-listing.server.ts'
import { previewPrice, requestBooking } from '~/domains/equipment/request-booking.server.ts'
import { SlotTakenError } from '~/domains/equipment/reserve-slot.server.ts'
import {
  bookingCalendar,
  calendarWeekOf,
  checkSlot,
  samplesLeftOn,
} from '~/domains/equipment/week-availability.server.ts'
import { formatMoney, parseYuan } from '~/domains/payments/money.ts'
import { UserError } from '~/domains/problems.ts'
import { usableVouchers } from '~/domains/vouchers/voucher-balance.server.ts'
import { replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { dayAndWeekday, formatDate } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

type Mode = 'self_service' | 'operator_run' | 'sample_testing'
const DATE = /^\d{4}-\d{2}-\d{2}$/
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/** The form's values from the query string; `pick` (a calendar cell) sets the date and start. */
function readPrefill(query: URLSearchParams, modes: readonly Mode[], minHours: number) {
  const get = (name: string) => query.get(name) ?? ''
  const asked = get('serviceMode')
  const serviceMode: Mode =
    modes.find((m) => m === asked) ??
    // The lab running the instrument needs no training record, so it is the safer default.
    modes.find((m) => m === 'operator_run') ??
    modes[0] ??
    'operator_run'
  const pick = get('pick')
  const [pickDate = '', pickTime = ''] = pick.split('T')
  return {
    serviceMode,
    date: DATE.test(pickDate) ? pickDate : get('date'),
    startTime: DATE.test(pickDate) ? pickTime : get('startTime'),
    hours: get('hours') || String(minHours),
    sampleCount: get('sampleCount'),
    sampleDescription: get('sampleDescription'),
    shippingDetails: get('shippingDetails'),
    purpose: get('purpose'),
    voucherId: get('voucherId'),
    voucherYuan: get('voucherYuan'),
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const found = await loadPublicListing(params.id ?? '', auth)
  if (!found) throw new Response('not found', { status: 404 })
  const l = found.listing
  // A listing the platform hid takes no new bookings: its form is gone like its page.
  await holdForReader('listing', l.id, false)
  const acting = actingParty(auth)
  const tx = db()
  const at = now()
  const query = new URL(request.url).searchParams
  const minHours = (l.minUnits * l.unitMinutes) / 60
  const prefill = readPrefill(query, l.serviceModes, minHours)
  const samples = prefill.serviceMode === 'sample_testing'

  // An explicit week (the calendar's links) wins; otherwise the week that holds the chosen date.
  const weekParam = query.get('week') ?? ''
  const week = /^\d+$/.test(weekParam) ? Number(weekParam) : (calendarWeekOf(prefill.date, at) ?? 0)
  const calendar = await bookingCalendar(tx, l, at, week)

  const vouchers =
    l.vouchersAccepted && acting.kind === 'org'
      ? (await usableVouchers(tx, acting.orgId)).map((v) => ({
          id: v.id,
          issuer: v.issuer,
          reference: v.reference,
          balanceFen: v.balanceFen,
          expiresOn: v.expiresOn,
        }))
      : []
  const voucher = vouchers.find((v) => v.id === prefill.voucherId)
  const voucherFen = voucher ? (parseYuan(prefill.voucherYuan) ?? 0) : 0

  const hours = Number(prefill.hours)
  const sampleCount = Number(prefill.sampleCount)
  const priced = samples
    ? Number.isInteger(sampleCount) && sampleCount > 0
      ? await previewPrice(l.id, acting, { samples: sampleCount }, voucherFen)
      : null
    : Number.isFinite(hours) && hours > 0
      ? await previewPrice(l.id, acting, { durationMinutes: Math.round(hours * 60) }, voucherFen)
      : null
  const preview = priced && 'preview' in priced ? priced.preview : null

  // The chosen slot, checked now as the booking will be: rules first, then a free unit.
  let slotProblem: string | null = null
  if (!samples && DATE.test(prefill.date) && TIME.test(prefill.startTime) && hours > 0) {
    const startsAt = shanghaiInstant(prefill.date, prefill.startTime)
    slotProblem = await checkSlot(
      tx,
      l,
      startsAt,
      new Date(startsAt.getTime() + hours * 3_600_000),
      at,
    )
  }
  const samplesLeft =
    samples && DATE.test(prefill.date)
      ? ((await samplesLeftOn(tx, l, [prefill.date])).get(prefill.date) ?? null)
      : null

  return {
    listing: {
      slug: l.slug,
      name: l.name,
      instantBooking: l.instantBooking,
      serviceModes: l.serviceModes,
      unitMinutes: l.unitMinutes,
      minUnits: l.minUnits,
      maxUnits: l.maxUnits,
      leadTimeHours: l.leadTimeHours,
      capacity: l.capacity,
      samplesPerDay: l.samplesPerDay,
      vouchersAccepted: l.vouchersAccepted,
    },
    actingForOrg: acting.kind === 'org',
    vouchers,
    prefill,
    calendar,
    preview: preview
      ? {
          lines: preview.quote.lines.map((line) => ({
            block: line.block,
            quantity: line.quantity,
            unitFen: line.unitFen,
            amountFen: line.amountFen,
          })),
          priceFen: preview.quote.priceFen,
          member: preview.quote.priceGroup === 'member',
          feeFen: preview.feeFen,
          feeMode: preview.feeMode,
          voucherFen: preview.voucherFen,
          maxVoucherFen: preview.maxVoucherFen,
          payNowFen: preview.payNowFen,
          depositFen: preview.depositFen,
        }
      : null,
    previewError: priced && 'error' in priced ? priced.error : null,
    slotProblem,
    samplesLeft,
  }
}

// The use case names a few fields as the domain knows them; the form calls them otherwise.
const formFieldOf: Record<string, string> = {
  startsAt: 'startTime',
  samples: 'sampleCount',
  voucherFen: 'voucherYuan',
  amountFen: 'voucherYuan',
}
const formFields = new Set([
  'serviceMode',
  'date',
  'startTime',
  'hours',
  'sampleCount',
  'sampleDescription',
  'shippingDetails',
  'purpose',
  'voucherId',
  'voucherYuan',
])

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  // Whoever may not see it learns nothing, whatever they post (docs/decisions/0021).
  if (!(await loadPublicListing(params.id ?? '', auth)))
    throw new Response('not found', { status: 404 })
  const formData = await request.formData()
  // A suggested free start ("YYYY-MM-DDTHH:MM") replaces the date and time and books again.
  const pick = formData.get('pick')
  if (typeof pick === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(pick)) {
    formData.set('date', pick.slice(0, 10))
    formData.set('startTime', pick.slice(11))
  }
  formData.delete('pick')
  const submission = parseWithZod(formData, { schema: BookingRequestSchema })
  if (submission.status !== 'success')
    return { result: submission.reply(), nextFree: [] as string[] }
  try {
    // Only the schema's fields reach the use case: anything else posted, a price above all,
    // is never read.
    const { booking } = await requestBooking({
      ...submission.value,
      listingIdOrSlug: params.id ?? '',
      acting: actingParty(auth),
    })
    return redirect(`/bookings/${booking.id}`)
  } catch (error) {
    if (error instanceof SlotTakenError) {
      return Response.json(
        {
          result: submission.reply({ fieldErrors: { startTime: ['booking-form:conflict.taken'] } }),
          nextFree: error.nextFree.map((d) => d.toISOString()),
        },
        { status: 409 },
      )
    }
    let shown = error
    if (error instanceof UserError && error.field) {
      const field = formFieldOf[error.field] ?? error.field
      shown = new UserError(
        error.messageKey,
        formFields.has(field) ? field : undefined,
        error.values,
      )
    }
    const { status, result } = replyWithError(submission, shown)
    return Response.json({ result, nextFree: [] as string[] }, { status })
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `预约 ${data.listing.name} · 众创 Zhongchuang` : '众创 Zhongchuang' },
]

// Shanghai keeps UTC+8 all year, so its wall-clock date and time are the instant shifted by 8 h.
const shanghaiParts = (iso: string) => {
  const local = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString()
  return { date: local.slice(0, 10), startTime: local.slice(11, 16) }
}
const endOf = (startTime: string, hours: number) => {
  const minutes = Number(startTime.slice(0, 2)) * 60 + Number(startTime.slice(3, 5)) + hours * 60
  const day = Math.floor(minutes / 1440)
  const m = minutes % 1440
  return {
    time: `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
    day,
  }
}

export default function BookEquipmentPage() {
  const { t } = useTranslation(['booking-form', 'bookings'])
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const location = useLocation()
  const fetcher = useFetcher<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const { listing } = data
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: data.prefill,
    validation: checks(
      () => import('~/domains/equipment/booking-request.schema.ts'),
      'BookingRequestSchema',
    ),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })

  const mode = (fields.serviceMode.value ?? data.prefill.serviceMode) as Mode
  const samples = mode === 'sample_testing'
  const date = fields.date.value ?? ''
  const startTime = fields.startTime.value ?? ''
  const hours = Number(fields.hours.value ?? data.prefill.hours)
  const current = {
    serviceMode: mode,
    date,
    startTime,
    hours: fields.hours.value ?? '',
    sampleCount: fields.sampleCount.value ?? '',
    voucherId: fields.voucherId.value ?? '',
    voucherYuan: fields.voucherYuan.value ?? '',
  }

  // While typing, the loader is asked again (a GET: nothing is booked) for the price and checks.
  const key = JSON.stringify(current)
  const answered = useRef(key)
  const { load } = fetcher
  useEffect(() => {
    if (key === answered.current) return
    answered.current = key
    const timer = setTimeout(() => {
      const query = new URLSearchParams(JSON.parse(key) as Record<string, string>)
      load(`${location.pathname}?${query.toString()}`)
    }, 250)
    return () => clearTimeout(timer)
  }, [key, load, location.pathname])
  const live = fetcher.data ?? data
  const preview = live.preview
  const quoting = fetcher.state !== 'idle'

  const durations = Array.from(
    { length: Math.max(0, listing.maxUnits - listing.minUnits + 1) },
    (_, i) => ((listing.minUnits + i) * listing.unitMinutes) / 60,
  )
  const conflict = samples ? undefined : slotConflict(data.calendar, date, startTime, hours)
  const end = TIME.test(startTime) && hours > 0 ? endOf(startTime, hours) : null
  const voucher = data.vouchers.find((v) => v.id === fields.voucherId.value)
  const maxVoucherFen = voucher
    ? Math.min(voucher.balanceFen, preview?.maxVoucherFen ?? voucher.balanceFen)
    : null
  const nextFree: string[] = actionData?.nextFree ?? []
  // The refused slot's notice stays until another date or start is chosen.
  const refused = actionData?.result?.initialValue
  const takenShown =
    Boolean(actionData?.result?.error?.startTime?.includes('booking-form:conflict.taken')) &&
    refused?.date === date &&
    refused?.startTime === startTime
  // What the week on screen says of the chosen slot, at once; the server's check (rules, lead
  // time, one unit free throughout) once the fetcher has answered for the current values.
  const BUSY = 'booking-form:conflict.busy'
  const serverProblem = quoting ? null : live.slotProblem
  // A slot just taken is said once, in the notice with the next free starts.
  const slotWarning =
    samples || takenShown
      ? null
      : conflict === 'busy'
        ? BUSY
        : conflict === 'closed'
          ? serverProblem && serverProblem !== BUSY
            ? serverProblem
            : 'booking-form:conflict.closed'
          : serverProblem
  const money = (fen: number) => formatMoney(fen, 'CNY', lng)

  const weekHref = (week: number) => {
    const query = new URLSearchParams(location.search)
    query.delete('pick')
    query.set('week', String(week))
    return `?${query.toString()}`
  }
  // Typed into the fields as a person would, so Conform (and the quote) hear of it like typing.
  const setField = (name: string, value: string) => {
    const input = document.forms.namedItem(form.id)?.elements.namedItem(name)
    if (!(input instanceof HTMLInputElement)) return
    input.value = value
    input.dispatchEvent(new Event('input', { bubbles: true }))
    input.dispatchEvent(new Event('change', { bubbles: true }))
  }
  const pick = (pickedDate: string, pickedTime: string) => {
    setField(fields.date.name, pickedDate)
    if (pickedTime) setField(fields.startTime.name, pickedTime)
  }
  const modeRadio = getInputProps(fields.serviceMode, { type: 'radio' })

  return (
    <div className="space-y-6">
      <PageTitle
        sub={t(listing.instantBooking ? 'bookings:form.instant' : 'bookings:form.request')}
      >
        {t('bookings:form.title', { name: listing.name })}
      </PageTitle>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="min-w-0 lg:col-span-2">
          <Form method="post" {...getFormProps(form)} className="space-y-6">
            {/* Enter in a field uses the form's first submit button: let it update the quote,
                never pick the calendar's first free cell nor book unasked. */}
            <button
              type="submit"
              formMethod="get"
              formNoValidate
              tabIndex={-1}
              aria-hidden="true"
              className="sr-only"
            >
              {t('preview.update')}
            </button>
            <FormErrors errors={form.errors} />

            {listing.serviceModes.length > 1 ? (
              <fieldset>
                <legend className="text-sm font-medium text-slate-800">{t('mode.legend')}</legend>
                <div className="mt-2 grid gap-2 sm:grid-cols-3">
                  {listing.serviceModes.map((m) => (
                    <label
                      key={m}
                      className={`flex cursor-pointer gap-2 rounded-md border px-3 py-2 text-sm ${
                        mode === m ? 'border-brand-600 bg-brand-50' : 'border-slate-300 bg-white'
                      }`}
                    >
                      <input
                        type="radio"
                        name={modeRadio.name}
                        form={modeRadio.form}
                        value={m}
                        defaultChecked={data.prefill.serviceMode === m}
                        className="mt-0.5"
                      />
                      <span>
                        <span className="block font-medium">{t(`mode.${m}.name`)}</span>
                        <span className="block text-xs text-slate-600">{t(`mode.${m}.hint`)}</span>
                      </span>
                    </label>
                  ))}
                </div>
                <ErrorList id={fields.serviceMode.errorId} errors={fields.serviceMode.errors} />
              </fieldset>
            ) : (
              <input type="hidden" name={fields.serviceMode.name} value={mode} />
            )}

            {mode === 'self_service' ? <Notice tone="info">{t('mode.trainingNote')}</Notice> : null}

            <SlotPicker
              calendar={data.calendar}
              mode={samples ? 'samples' : 'time'}
              selected={{ date, startTime, hours }}
              leadTimeHours={listing.leadTimeHours}
              weekHref={weekHref}
              onPick={pick}
              lng={lng}
            />

            {/* The date keeps its place in both modes, so switching keeps what was typed. */}
            <div className="space-y-3">
              <div className="grid gap-4 sm:grid-cols-3">
                <div>
                  <Field
                    label={t(samples ? 'samples.date' : 'time.date')}
                    field={fields.date}
                    type="date"
                  />
                  {samples && DATE.test(date) && live.samplesLeft !== null ? (
                    <p
                      className={`mt-1 text-sm ${live.samplesLeft > 0 ? 'text-emerald-800' : 'text-red-700'}`}
                      role="status"
                    >
                      {t('samples.left', { count: live.samplesLeft, date: formatDate(date, lng) })}
                    </p>
                  ) : null}
                </div>
                {samples ? (
                  <Field
                    label={t('samples.count')}
                    field={fields.sampleCount}
                    type="number"
                    inputMode="numeric"
                    hint={
                      listing.samplesPerDay
                        ? t('samples.perDay', { count: listing.samplesPerDay })
                        : undefined
                    }
                  />
                ) : (
                  <Field
                    label={t('time.start')}
                    field={fields.startTime}
                    errors={
                      takenShown
                        ? fields.startTime.errors?.filter(
                            (e) => e !== 'booking-form:conflict.taken',
                          )
                        : undefined
                    }
                    hint="HH:MM"
                  />
                )}
                {samples ? null : (
                  <div>
                    <label
                      htmlFor={fields.hours.id}
                      className="block text-sm font-medium text-slate-800"
                    >
                      {t('time.duration')}
                    </label>
                    <select
                      {...getSelectProps(fields.hours)}
                      key={fields.hours.key}
                      aria-describedby={`${fields.hours.id}-hint`}
                      className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
                    >
                      {durations.map((h) => (
                        <option key={h} value={String(h)}>
                          {t('time.hours', { count: h })}
                        </option>
                      ))}
                    </select>
                    <p id={`${fields.hours.id}-hint`} className="mt-1 text-xs text-slate-500">
                      {t('time.durationHint', {
                        min: durations[0] ?? 0,
                        max: durations[durations.length - 1] ?? 0,
                      })}
                    </p>
                    <ErrorList id={fields.hours.errorId} errors={fields.hours.errors} />
                  </div>
                )}
              </div>
              {!samples && end && DATE.test(date) ? (
                <p className="text-sm text-slate-700" role="status">
                  {t(end.day > 0 ? 'time.endsNextDay' : 'time.ends', {
                    date: formatDate(date, lng),
                    start: startTime,
                    end: end.time,
                  })}
                </p>
              ) : null}
              {slotWarning ? (
                <Notice tone="warning">{translateError(t, slotWarning)}</Notice>
              ) : null}
            </div>

            {samples ? (
              <div className="space-y-4">
                <TextareaField
                  label={t('samples.description')}
                  field={fields.sampleDescription}
                  hint={t('samples.descriptionHint')}
                />
                <TextareaField
                  label={t('samples.shipping')}
                  field={fields.shippingDetails}
                  hint={t('samples.shippingHint')}
                />
              </div>
            ) : null}

            {takenShown ? (
              <Notice tone="warning">
                <p className="font-medium">{t('conflict.taken')}</p>
                <p className="mt-1">{t(nextFree.length ? 'conflict.pickNext' : 'conflict.none')}</p>
                {nextFree.length ? (
                  <ul className="mt-2 flex flex-wrap gap-2">
                    {nextFree.map((iso) => {
                      const parts = shanghaiParts(iso)
                      const label = dayAndWeekday(parts.date, lng)
                      const until = endOf(parts.startTime, hours).time
                      return (
                        <li key={iso}>
                          <button
                            type="submit"
                            name="pick"
                            value={`${parts.date}T${parts.startTime}`}
                            className="rounded-md border border-amber-400 bg-white px-3 py-1.5 text-sm font-medium text-amber-900 hover:bg-amber-100"
                          >
                            {t('conflict.bookAt', {
                              day: `${label.day} ${label.weekday}`,
                              start: parts.startTime,
                              end: until,
                            })}
                          </button>
                        </li>
                      )
                    })}
                  </ul>
                ) : null}
              </Notice>
            ) : null}

            <TextareaField
              label={t('bookings:form.purpose')}
              field={fields.purpose}
              hint={t('bookings:form.purposeHint')}
            />

            {listing.vouchersAccepted ? (
              <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
                <legend className="px-1 text-sm font-medium text-slate-800">
                  {t('voucher.legend')}
                </legend>
                {!data.actingForOrg ? (
                  <p className="text-sm text-slate-600">{t('voucher.orgOnly')}</p>
                ) : data.vouchers.length === 0 ? (
                  <p className="text-sm text-slate-600">{t('voucher.none')}</p>
                ) : (
                  <div className="grid gap-4 sm:grid-cols-2">
                    <SelectField
                      label={t('voucher.select')}
                      field={fields.voucherId}
                      placeholder={t('voucher.noVoucher')}
                      options={data.vouchers.map((v) => ({
                        value: v.id,
                        label: t('voucher.option', {
                          issuer: v.issuer,
                          reference: v.reference,
                          balance: money(v.balanceFen),
                          expires: formatDate(v.expiresOn, lng),
                        }),
                      }))}
                    />
                    <Field
                      label={t('voucher.amount')}
                      field={fields.voucherYuan}
                      inputMode="numeric"
                      hint={
                        maxVoucherFen !== null
                          ? t('voucher.max', { max: money(maxVoucherFen) })
                          : t('voucher.amountHint')
                      }
                    />
                  </div>
                )}
              </fieldset>
            ) : null}

            <div className="flex flex-wrap gap-3">
              <Button type="submit" disabled={navigation.state === 'submitting'}>
                {t(listing.instantBooking ? 'bookings:form.submitInstant' : 'bookings:form.submit')}
              </Button>
              <Button type="submit" variant="secondary" formMethod="get" formNoValidate>
                {t('preview.update')}
              </Button>
            </div>
          </Form>
        </Card>

        <Card className="min-w-0 self-start lg:sticky lg:top-4">
          <h2 className="text-base font-semibold text-slate-900">{t('preview.title')}</h2>
          <div aria-live="polite" aria-busy={quoting} className={quoting ? 'opacity-60' : ''}>
            {preview ? (
              <dl className="mt-3 space-y-2 text-sm">
                {preview.lines.map((line) => (
                  <div
                    key={`${line.block}-${line.quantity}`}
                    className="flex justify-between gap-3"
                  >
                    <dt className="text-slate-700">
                      {t(`preview.block.${line.block}`, { count: line.quantity })}
                      <span className="block text-xs text-slate-500">
                        {t('preview.times', { count: line.quantity, unit: money(line.unitFen) })}
                      </span>
                    </dt>
                    <dd className="tabular-nums">{money(line.amountFen)}</dd>
                  </div>
                ))}
                {preview.member ? (
                  <p className="rounded bg-emerald-50 px-2 py-1 text-xs text-emerald-900">
                    {t('preview.member')}
                  </p>
                ) : null}
                <div className="flex justify-between border-t border-slate-200 pt-2 font-medium">
                  <dt>{t('preview.price')}</dt>
                  <dd className="tabular-nums">{money(preview.priceFen)}</dd>
                </div>
                {preview.feeMode === 'added' && preview.feeFen > 0 ? (
                  <div className="flex justify-between">
                    <dt className="text-slate-700">{t('preview.fee')}</dt>
                    <dd className="tabular-nums">{money(preview.feeFen)}</dd>
                  </div>
                ) : null}
                {preview.voucherFen > 0 ? (
                  <div className="flex justify-between text-emerald-800">
                    <dt>{t('preview.voucher')}</dt>
                    <dd className="tabular-nums">−{money(preview.voucherFen)}</dd>
                  </div>
                ) : null}
                <div className="flex justify-between border-t border-slate-200 pt-2 text-base font-semibold">
                  <dt>{t('preview.payNow')}</dt>
                  <dd className="tabular-nums">{money(preview.payNowFen)}</dd>
                </div>
                {preview.depositFen > 0 ? (
                  <div className="rounded-md bg-slate-50 px-3 py-2">
                    <div className="flex justify-between">
                      <dt className="font-medium">{t('preview.deposit')}</dt>
                      <dd className="tabular-nums">{money(preview.depositFen)}</dd>
                    </div>
                    <p className="mt-1 text-xs text-slate-600">{t('preview.depositNote')}</p>
                  </div>
                ) : null}
                <p className="text-xs text-slate-500">
                  {t(preview.feeMode === 'added' ? 'preview.feeAdded' : 'preview.feeDeducted')}
                </p>
                {listing.instantBooking ? null : (
                  <p className="text-xs text-slate-500">{t('preview.requestNote')}</p>
                )}
              </dl>
            ) : live.previewError ? (
              <p className="mt-3 text-sm text-red-700">{translateError(t, live.previewError)}</p>
            ) : (
              <p className="mt-3 text-sm text-slate-500">
                {t(samples ? 'preview.emptySamples' : 'preview.emptyTime')}
              </p>
            )}
          </div>
        </Card>
      </div>
    </div>
  )
}
