// /equipment/:id/book: the booking form for an instrument, with a price preview the loader
// computes on the server for the hours in the query string; the action books through
// requestBooking, and a taken slot is answered with the next free starts to pick from.
import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSubmit,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  Button,
  Card,
  Field,
  FormErrors,
  Notice,
  PageTitle,
  TextareaField,
  translateError,
} from '~/components/ui/form.tsx'
import { useForm } from '~/components/ui/use-form.ts'
import { actingParty, requireMember } from '~/domains/accounts/auth.server.ts'
import { BookingRequestSchema } from '~/domains/equipment/booking-request.schema.ts'
import { loadPublicListing } from '~/domains/equipment/public-listing.server.ts'
import { previewPrice, requestBooking } from '~/domains/equipment/request-booking.server.ts'
import { SlotTakenError } from '~/domains/equipment/reserve-slot.server.ts'
import { UserError } from '~/domains/problems.ts'
import { replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { formatMoney } from '~/domains/payments/money.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const found = await loadPublicListing(params.id ?? '', auth)
  if (!found) throw new Response('not found', { status: 404 })
  const query = new URL(request.url).searchParams
  const hours = Number(query.get('hours') ?? '')
  const preview =
    Number.isFinite(hours) && hours > 0
      ? await previewPrice(found.listing.id, actingParty(auth), hours)
      : null
  return {
    listing: {
      slug: found.listing.slug,
      name: found.listing.name,
      instantBooking: found.listing.instantBooking,
    },
    prefill: {
      date: query.get('date') ?? '',
      startTime: query.get('startTime') ?? '',
      hours: query.get('hours') ?? '',
      purpose: query.get('purpose') ?? '',
    },
    preview:
      preview && 'quote' in preview
        ? {
            lines: preview.quote.lines.map((l) => ({ label: l.label, amountFen: l.amountFen })),
            priceFen: preview.quote.priceFen,
            depositFen: preview.quote.depositFen,
            member: preview.quote.priceGroup === 'member',
            hours,
          }
        : null,
    previewError: preview && 'error' in preview ? preview.error : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: BookingRequestSchema })
  if (submission.status !== 'success')
    return { result: submission.reply(), nextFree: [] as string[] }
  try {
    // Only the four fields of the schema reach the use case: anything else posted, a price
    // above all, is never read.
    const { booking } = await requestBooking({
      ...submission.value,
      listingIdOrSlug: params.id ?? '',
      acting: actingParty(auth),
    })
    return redirect(`/bookings/${booking.id}`)
  } catch (error) {
    const nextFree =
      error instanceof SlotTakenError ? error.nextFree.map((d) => d.toISOString()) : []
    // The slot rules speak of the booking's start; on this form that is the start time.
    const shown =
      error instanceof UserError && error.field === 'startsAt'
        ? new UserError(
            error instanceof SlotTakenError ? 'bookings:form.taken' : error.messageKey,
            'startTime',
          )
        : error
    const { status, result } = replyWithError(submission, shown)
    return Response.json({ result, nextFree }, { status })
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

export default function BookEquipmentPage() {
  const { t } = useTranslation('bookings')
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const submit = useSubmit()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: data.prefill,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BookingRequestSchema }),
    shouldValidate: 'onBlur',
  })
  const nextFree: string[] = actionData?.nextFree ?? []
  const hours = fields.hours.value ?? data.prefill.hours
  const purpose = fields.purpose.value ?? data.prefill.purpose

  return (
    <div className="space-y-6">
      <PageTitle sub={t(data.listing.instantBooking ? 'form.instant' : 'form.request')}>
        {t('form.title', { name: data.listing.name })}
      </PageTitle>
      <Card>
        <Form
          method="post"
          {...getFormProps(form)}
          className="space-y-4"
          onChange={(event) => {
            // A new length re-asks the loader for its price; nothing is booked by a GET.
            if (event.target instanceof HTMLInputElement && event.target.name === 'hours')
              submit(event.currentTarget, {
                method: 'get',
                replace: true,
                preventScrollReset: true,
              })
          }}
        >
          <FormErrors errors={form.errors} />
          <Field label={t('form.date')} field={fields.date} type="date" />
          <Field label={t('form.startTime')} field={fields.startTime} hint="HH:MM" />
          <Field
            label={t('form.hours')}
            field={fields.hours}
            type="number"
            inputMode="numeric"
            hint={t('form.hoursHint')}
          />
          <TextareaField
            label={t('form.purpose')}
            field={fields.purpose}
            hint={t('form.purposeHint')}
          />
          {nextFree.length > 0 ? (
            <Notice tone="warning">
              <p>{t('form.taken')}</p>
              <ul className="mt-2 flex flex-wrap gap-2">
                {nextFree.map((iso) => {
                  const q = new URLSearchParams({ ...shanghaiParts(iso), hours, purpose })
                  return (
                    <li key={iso}>
                      <Link
                        to={`?${q.toString()}`}
                        className="rounded-md border border-amber-300 bg-white px-3 py-1 text-sm"
                      >
                        {formatDateTime(iso, lng)}
                      </Link>
                    </li>
                  )
                })}
              </ul>
            </Notice>
          ) : null}
          <div className="flex gap-3">
            <Button type="submit" disabled={navigation.state === 'submitting'}>
              {t(data.listing.instantBooking ? 'form.submitInstant' : 'form.submit')}
            </Button>
            <Button type="submit" variant="secondary" formMethod="get" formNoValidate>
              {t('form.updatePreview')}
            </Button>
          </div>
        </Form>
      </Card>
      <Card>
        <h2 className="text-base font-semibold text-slate-900">{t('form.preview')}</h2>
        {data.preview ? (
          <dl className="mt-2 space-y-1 text-sm">
            {data.preview.lines.map((l) => (
              <div key={l.label} className="flex justify-between">
                <dt>{l.label}</dt>
                <dd>{formatMoney(l.amountFen, 'CNY', lng)}</dd>
              </div>
            ))}
            <div className="flex justify-between font-medium">
              <dt>
                {t('form.total')} {t('form.previewFor', { hours: data.preview.hours })}
              </dt>
              <dd>{formatMoney(data.preview.priceFen, 'CNY', lng)}</dd>
            </div>
            {data.preview.depositFen > 0 ? (
              <div className="flex justify-between text-slate-600">
                <dt>{t('form.deposit')}</dt>
                <dd>{formatMoney(data.preview.depositFen, 'CNY', lng)}</dd>
              </div>
            ) : null}
            {data.preview.member ? (
              <p className="text-emerald-800">{t('form.memberPrice')}</p>
            ) : null}
            <p className="text-xs text-slate-500">{t('form.feeNote')}</p>
          </dl>
        ) : data.previewError ? (
          <p className="mt-2 text-sm text-red-700">{translateError(t, data.previewError)}</p>
        ) : (
          <p className="mt-2 text-sm text-slate-500">{t('form.hoursHint')}</p>
        )}
      </Card>
    </div>
  )
}
