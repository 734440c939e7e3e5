// /equipment/vouchers: the innovation-voucher (创新券) parts of the bookings of the labs a person
// runs (as owner or admin), by where each stands: held until the service is done, ready to
// submit to the issuing agency, submitted, reimbursed, rejected; with the redemption packet.
import { type SubmissionResult } from '@conform-to/react'
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
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import { StatusBadge, table } from '~/components/admin-nav.tsx'
import { Button, Card, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { TransitionError } from '~/domains/lifecycle/machine.ts'
// Money reads ¥1,234.50 in either language (formatMoney's default format), never CN¥ or 万.
import { formatMoney } from '~/domains/payments/money.ts'
import { providerRoles, submitRedemption } from '~/domains/vouchers/submit-redemption.server.ts'
import { providerVoucherUses } from '~/domains/vouchers/voucher-queries.server.ts'
import { providerStages, type ProviderStage } from '~/domains/vouchers/provider-stages.ts'
import { SubmitRedemptionSchema } from '~/domains/vouchers/vouchers.schema.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'
import { formatDateTime } from '~/i18n/format.ts'

type ActionReply = { useId: string | null; result: SubmissionResult<string[]> }

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const orgs = auth.memberships
    .filter((m) => (providerRoles as readonly string[]).includes(m.role))
    .map((m) => ({ id: m.orgId, name: m.name }))
  const [uses, lng] = await Promise.all([
    providerVoucherUses(orgs.map((o) => o.id)),
    requestLanguage(request),
  ])
  return { orgs, uses, lng }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const formData = await request.formData()
  const rawId = formData.get('useId')
  const useId = typeof rawId === 'string' ? rawId : null
  const submission = parseWithZod(formData, { schema: SubmitRedemptionSchema })
  if (submission.status !== 'success')
    return { useId, result: submission.reply() } satisfies ActionReply
  try {
    await db().transaction((tx) =>
      submitRedemption(tx, {
        useId: submission.value.useId,
        actorUserId: auth.user.id,
        ip: clientIp(context),
      }),
    )
  } catch (error) {
    if (error instanceof TransitionError) {
      const result = submission.reply({ formErrors: ['vouchers:errors.conflict'] })
      return Response.json({ useId, result } satisfies ActionReply, { status: 409 })
    }
    const { status, result } = replyWithError(submission, error)
    return Response.json({ useId, result } satisfies ActionReply, { status })
  }
  return redirect('/equipment/vouchers?done=submitted')
}

export const meta: MetaFunction = () => [{ title: '创新券兑付 · 众创 Zhongchuang' }]

type Use = ReturnType<typeof useLoaderData<typeof loader>>['uses'][number]

const badge: Record<ProviderStage, string> = {
  ready: 'pending',
  held: 'held',
  submitted: 'approved',
  reimbursed: 'settled',
  rejected: 'rejected',
}

export default function ProviderVouchersPage() {
  const { t } = useTranslation('vouchers')
  const { orgs, uses } = useLoaderData<typeof loader>()
  // Replies with a status (Response.json) type as `any`; this is the shape every branch returns.
  const actionData = useActionData<typeof action>() as ActionReply | undefined
  const [searchParams] = useSearchParams()
  const done = searchParams.get('done') === 'submitted'
  const totals = Object.fromEntries(
    providerStages.map((s) => [
      s,
      uses.filter((u) => u.stage === s).reduce((sum, u) => sum + u.amountFen, 0),
    ]),
  ) as Record<ProviderStage, number>
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageTitle sub={t('provider.sub')}>{t('provider.title')}</PageTitle>
      {done ? <Notice tone="success">{t('provider.done')}</Notice> : null}
      {actionData ? <FormErrors errors={actionData.result.error?.['']} /> : null}
      {orgs.length === 0 ? (
        <Card>
          <Notice>{t('provider.noOrg')}</Notice>
        </Card>
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
            {providerStages.map((s) => (
              <div key={s} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
                <dt className="text-xs text-slate-600">{t(`provider.stages.${s}.title`)}</dt>
                <dd className="mt-1 text-lg font-semibold tabular-nums text-slate-900">
                  {formatMoney(totals[s])}
                </dd>
              </div>
            ))}
          </dl>
          {uses.length === 0 ? (
            <Card>
              <p className="text-sm text-slate-600">
                {t('provider.empty', { orgs: orgs.map((o) => o.name).join('、') })}
              </p>
            </Card>
          ) : (
            providerStages.map((stage) => (
              <StageSection
                key={stage}
                stage={stage}
                uses={uses.filter((u) => u.stage === stage)}
                showProvider={orgs.length > 1}
              />
            ))
          )}
        </>
      )}
    </div>
  )
}

function StageSection({
  stage,
  uses,
  showProvider,
}: {
  stage: ProviderStage
  uses: Use[]
  showProvider: boolean
}) {
  const { t } = useTranslation('vouchers')
  const { lng } = useLoaderData<typeof loader>()
  if (uses.length === 0) return null
  return (
    <Card>
      <h2 className="text-lg font-semibold text-slate-900">
        {t(`provider.stages.${stage}.title`)}{' '}
        <span className="text-sm font-normal text-slate-500">({uses.length})</span>
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t(`provider.stages.${stage}.sub`)}</p>
      <div className={`mt-4 ${table.wrap}`}>
        {/* Fixed widths, so the sections' tables line up one under another. */}
        <table className={`${table.table} w-full min-w-[48rem] table-fixed`}>
          <colgroup>
            <col className="w-[22%]" />
            <col className="w-[18%]" />
            <col className="w-[22%]" />
            <col className="w-[10%]" />
            <col className="w-[14%]" />
            <col className="w-[14%]" />
          </colgroup>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={table.th}>
                {t('columns.booking')}
              </th>
              <th scope="col" className={table.th}>
                {t('columns.booker')}
              </th>
              <th scope="col" className={table.th}>
                {t('columns.voucher')}
              </th>
              <th scope="col" className={`${table.th} text-right`}>
                {t('columns.amount')}
              </th>
              <th scope="col" className={table.th}>
                {t('columns.status')}
              </th>
              <th scope="col" className={table.th}>
                <span className="sr-only">{t('columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody className={table.body}>
            {uses.map((u) => (
              <tr key={u.id}>
                <td className={`${table.td} min-w-48`}>
                  <Link to={`/bookings/${u.bookingId}`}>{u.listingName}</Link>
                  <span className="block text-xs text-slate-500">
                    {formatDateTime(u.startsAt, lng)}
                    {showProvider ? ` · ${u.providerName}` : ''}
                  </span>
                </td>
                <td className={`${table.td} min-w-32`}>
                  {u.bookerOrgName ?? u.bookerName}
                  {u.bookerOrgName ? (
                    <span className="block text-xs text-slate-500">{u.bookerName}</span>
                  ) : null}
                </td>
                <td className={`${table.td} min-w-40`}>
                  {u.issuer}
                  <span className="block font-mono text-xs text-slate-500">{u.reference}</span>
                </td>
                <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                  {formatMoney(u.amountFen)}
                </td>
                <td className={`${table.td} min-w-40`}>
                  <StatusBadge status={badge[stage]} label={t(`provider.stages.${stage}.badge`)} />
                  {u.packetNo ? (
                    <span className="mt-1 block font-mono text-xs text-slate-600">
                      {u.packetNo}
                    </span>
                  ) : null}
                  {u.decisionNote ? (
                    <span className="mt-1 block text-xs text-slate-600">
                      {t('provider.reason', { reason: u.decisionNote })}
                    </span>
                  ) : null}
                  {u.debtPaymentStatus ? (
                    <span className="mt-1 block text-xs text-slate-600">
                      {t(
                        u.debtPaymentStatus === 'held' || u.debtPaymentStatus === 'settled'
                          ? 'provider.debtPaid'
                          : 'provider.debtOpen',
                      )}
                    </span>
                  ) : null}
                </td>
                <td className={`${table.td} whitespace-nowrap`}>
                  <Actions use={u} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  )
}

function Actions({ use: u }: { use: Use }) {
  const { t } = useTranslation('vouchers')
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('useId') === u.id
  return (
    <div className="flex flex-col items-start gap-2 text-sm">
      {u.stage === 'ready' ? (
        <Form method="post">
          <input type="hidden" name="intent" value="submit" />
          <input type="hidden" name="useId" value={u.id} />
          <Button type="submit" disabled={busy}>
            {t('provider.submit')}
          </Button>
        </Form>
      ) : null}
      {u.stage !== 'held' ? (
        <span className="flex flex-col gap-1">
          <Link to={`/bookings/${u.bookingId}/packet`}>{t('packetLink')}</Link>
          <a href={`/bookings/${u.bookingId}/packet.pdf`} download>
            {t('pdfLink')}
          </a>
        </span>
      ) : null}
    </div>
  )
}
