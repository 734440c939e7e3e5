// /bookings/:id: one booking, for its booker (times, quote, status, the way to pay, cancel) and
// for the owner organisation's owners and admins (approve or decline a request). Anyone else
// gets 404, so a booking's existence is not given away.
import { getFormProps, getTextareaProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, Card, ErrorList, FormErrors, PageTitle } from '~/components/ui/form.tsx'
import { useForm } from '~/components/ui/use-form.ts'
import { notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { DecideBookingSchema } from '~/domains/equipment/booking-request.schema.ts'
import { cancelBooking } from '~/domains/equipment/cancel-booking.server.ts'
import { decideBooking, loadBookingFor } from '~/domains/equipment/request-booking.server.ts'
import { replyWithError } from '~/domains/web/request.server.ts'
import { db } from '../../db/client.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { formatMoney } from '~/domains/payments/money.ts'
import { useRootData } from '~/root.tsx'

const cancellable = new Set(['requested', 'approved', 'awaiting_payment', 'paid'])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const found = await loadBookingFor(
    params.id ?? '',
    auth.user.id,
    auth.memberships.map((m) => m.orgId),
  )
  if (!found) throw notFound()
  const { booking: b, listing, quote, payment } = found
  return {
    booking: {
      id: b.id,
      status: b.status,
      unitNo: b.unitNo,
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      purpose: b.purpose,
      reason: b.cancelReason,
    },
    listing: { name: listing.name, slug: listing.slug },
    quote: quote
      ? {
          lines: quote.lines,
          subtotalFen: quote.subtotalFen,
          feeFen: quote.feeFen,
          payerTotalFen: quote.payerTotalFen,
        }
      : null,
    payId: b.status === 'awaiting_payment' && payment ? payment.id : null,
    canCancel: found.isBooker && cancellable.has(b.status),
    canDecide: found.isOwner && b.status === 'requested',
    isOwner: found.isOwner,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const found = await loadBookingFor(
    params.id ?? '',
    auth.user.id,
    auth.memberships.map((m) => m.orgId),
  )
  if (!found) throw notFound()
  const submission = parseWithZod(await request.formData(), { schema: DecideBookingSchema })
  if (submission.status !== 'success') return { result: submission.reply() }
  const value = submission.value
  // Each intent belongs to one side; the other side is told nothing more than a stranger.
  if (value.intent === 'cancel' ? !found.isBooker : !found.isOwner) throw notFound()
  try {
    if (value.intent === 'cancel')
      await db().transaction((tx) =>
        cancelBooking(tx, {
          bookingId: found.booking.id,
          actorUserId: auth.user.id,
          reason: value.reason,
        }),
      )
    else if (value.intent === 'approve')
      await decideBooking({
        bookingId: found.booking.id,
        actorUserId: auth.user.id,
        decision: 'approve',
      })
    else
      await decideBooking({
        bookingId: found.booking.id,
        actorUserId: auth.user.id,
        decision: 'decline',
        reason: value.reason,
      })
    return { result: submission.reply({ resetForm: true }) }
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ result }, { status })
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `预约 · ${data.listing.name} · 众创 Zhongchuang` : '众创 Zhongchuang' },
]

export default function BookingPage() {
  const { t } = useTranslation('bookings')
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecideBookingSchema }),
    shouldValidate: 'onSubmit',
  })
  const { booking: b, quote } = data
  const td = 'px-2 py-1 text-sm'

  return (
    <div className="space-y-6">
      <PageTitle sub={t('detail.timesNote')}>{t('detail.title')}</PageTitle>
      <Card>
        <dl className="grid gap-2 text-sm sm:grid-cols-2">
          <dt className="font-medium">{t('detail.instrument')}</dt>
          <dd>
            <Link to={`/equipment/${data.listing.slug}`} className="text-brand-700 underline">
              {data.listing.name}
            </Link>{' '}
            · {t('detail.unit', { n: b.unitNo })}
          </dd>
          <dt className="font-medium">{t('detail.when')}</dt>
          <dd>
            {formatDateTime(b.startsAt, lng)} – {formatDateTime(b.endsAt, lng)}
          </dd>
          <dt className="font-medium">{t('detail.status')}</dt>
          <dd>
            {t(`status.${b.status}`)}
            {b.reason ? ` · ${t('detail.reason', { reason: b.reason })}` : null}
          </dd>
          <dt className="font-medium">{t('detail.purpose')}</dt>
          <dd>{b.purpose}</dd>
        </dl>
      </Card>
      {quote ? (
        <Card>
          <h2 className="mb-2 text-base font-semibold text-slate-900">{t('detail.quote')}</h2>
          <table className="w-full">
            <thead>
              <tr className="text-left text-slate-600">
                <th className={td}>{t('detail.line')}</th>
                <th className={td}>{t('detail.quantity')}</th>
                <th className={td}>{t('detail.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {quote.lines.map((l) => (
                <tr key={l.label}>
                  <td className={td}>{l.label}</td>
                  <td className={td}>{l.quantity}</td>
                  <td className={td}>{formatMoney(l.amountFen, 'CNY', lng)}</td>
                </tr>
              ))}
              <tr>
                <td className={td} colSpan={2}>
                  {t('detail.fee')}
                </td>
                <td className={td}>{formatMoney(quote.feeFen, 'CNY', lng)}</td>
              </tr>
              <tr className="font-medium">
                <td className={td} colSpan={2}>
                  {t('detail.total')}
                </td>
                <td className={td}>{formatMoney(quote.payerTotalFen, 'CNY', lng)}</td>
              </tr>
            </tbody>
          </table>
        </Card>
      ) : null}
      {data.payId ? (
        <Link
          to={`/payments/${data.payId}`}
          className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white"
        >
          {t('detail.pay')}
        </Link>
      ) : null}
      {data.canCancel || data.canDecide ? (
        <Card>
          {data.isOwner ? <p className="mb-2 text-sm">{t('detail.ownerView')}</p> : null}
          <Form method="post" {...getFormProps(form)} className="space-y-3">
            <FormErrors errors={form.errors} />
            <label htmlFor={fields.reason.id} className="block text-sm font-medium text-slate-800">
              {t(data.canDecide ? 'detail.declineReason' : 'detail.cancelReason')}
            </label>
            <textarea
              {...getTextareaProps(fields.reason)}
              rows={3}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
            <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
            <div className="flex gap-3">
              {data.canDecide ? (
                <>
                  <Button type="submit" name="intent" value="approve">
                    {t('detail.approve')}
                  </Button>
                  <Button type="submit" name="intent" value="decline" variant="danger">
                    {t('detail.decline')}
                  </Button>
                </>
              ) : (
                <Button type="submit" name="intent" value="cancel" variant="danger">
                  {t('detail.cancel')}
                </Button>
              )}
            </div>
          </Form>
        </Card>
      ) : null}
    </div>
  )
}
