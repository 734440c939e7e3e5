// The platform fee per marketplace (equipment, challenges, crowdfunding): a rate, a minimum, and
// whether the fee is deducted from the payee or added to the payer. An edit adds a version; every
// quote keeps the version it was made with, so a change applies to new quotes only.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
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
  useLoaderData,
  useLocation,
  useNavigation,
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import { AdminNav, PaymentsNav, table } from '~/components/admin-nav.tsx'
import {
  Button,
  Card,
  Field,
  FormErrors,
  Notice,
  PageTitle,
  SelectField,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { adminRolesAllow } from '~/domains/accounts/permissions.ts'
import { FeeScheduleSchema } from '~/domains/payments/admin-forms.schema.ts'
import { feeScheduleVersions } from '~/domains/payments/admin-queries.server.ts'
import { currentSchedule, updateSchedule } from '~/domains/payments/fees.server.ts'
// Money reads ¥1,234.50 in either language (formatMoney's default format), never CN¥ or 万.
import { formatMoney } from '~/domains/payments/money.ts'
import { feeModes, marketplaces, type Marketplace } from '~/domains/payments/payments.schema.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'
import type { Language } from '~/i18n/config.ts'
import { formatDateTime, formatNumber } from '~/i18n/format.ts'

type ActionReply = { marketplace: string; result: SubmissionResult<string[]> }

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:payment:any')
  const [schedules, lng] = await Promise.all([feeScheduleVersions(), requestLanguage(request)])
  return {
    schedules,
    canManage: adminRolesAllow(auth.adminRoles, 'manage:payment:any'),
    lng,
    adminRoles: auth.adminRoles,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, 'manage:payment:any')
  const formData = await request.formData()
  const marketplace = String(formData.get('marketplace') ?? '')
  const submission = parseWithZod(formData, { schema: FeeScheduleSchema })
  if (submission.status !== 'success')
    return { marketplace, result: submission.reply() } satisfies ActionReply
  const input = submission.value
  try {
    const changed = await db().transaction(async (tx) => {
      const current = await currentSchedule(tx, input.marketplace)
      // The same numbers again would only add a version that changes nothing.
      if (
        current.rateBp === input.rate &&
        current.minimumFen === input.minimum &&
        current.mode === input.mode
      )
        return false
      await updateSchedule(tx, {
        marketplace: input.marketplace,
        rateBp: input.rate,
        minimumFen: input.minimum,
        mode: input.mode,
        actorUserId: auth.user.id,
        ip: clientIp(context),
      })
      return true
    })
    if (!changed) {
      const result = submission.reply({ formErrors: ['admin:payments.fees.errors.unchanged'] })
      return Response.json({ marketplace, result } satisfies ActionReply, { status: 400 })
    }
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ marketplace, result } satisfies ActionReply, { status })
  }
  return redirect(`/admin/payments/fees?done=${input.marketplace}`)
}

export const meta: MetaFunction = () => [{ title: '平台费率 · 资金管理 · 众创 Zhongchuang' }]

type Schedule = ReturnType<typeof useLoaderData<typeof loader>>['schedules'][number]

/** Basis points as a percentage: 500 → "5%", 275 → "2.75%". */
function formatRate(rateBp: number, lng: Language): string {
  return new Intl.NumberFormat(lng, { style: 'percent', maximumFractionDigits: 2 }).format(
    rateBp / 10_000,
  )
}

export default function AdminFeesPage() {
  const { t } = useTranslation('admin')
  const { schedules, canManage, lng, adminRoles } = useLoaderData<typeof loader>()
  // Replies with a status (Response.json) type as `any`; this is the shape every branch returns.
  const actionData = useActionData<typeof action>() as ActionReply | undefined
  const [searchParams] = useSearchParams()
  const done = searchParams.get('done')
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('payments.fees.sub')}>{t('payments.fees.title')}</PageTitle>
      <PaymentsNav />
      {done && (marketplaces as readonly string[]).includes(done) ? (
        <div className="mb-6">
          <Notice tone="success">
            {t('payments.fees.done', { marketplace: t(`payments.marketplace.${done}`) })}
          </Notice>
        </div>
      ) : null}
      <div className="mb-6">
        <Notice tone="info">{t('payments.fees.frozen')}</Notice>
      </div>
      <div className="space-y-6">
        {schedules.map((s) => (
          <Card key={s.marketplace}>
            <h2 className="text-lg font-semibold text-slate-900">
              {t(`payments.marketplace.${s.marketplace}`)}
            </h2>
            {s.current ? (
              <p className="mt-1 text-sm text-slate-700">
                {t('payments.fees.current', {
                  rate: formatRate(s.current.rateBp, lng),
                  minimum: formatMoney(s.current.minimumFen, 'CNY'),
                  mode: t(`payments.feeMode.${s.current.mode}`),
                })}
              </p>
            ) : (
              <p className="mt-1 text-sm text-slate-600">{t('payments.fees.none')}</p>
            )}
            <div className="mt-4 grid gap-6 lg:grid-cols-5">
              {canManage ? (
                <ScheduleForm
                  schedule={s}
                  lastResult={
                    actionData?.marketplace === s.marketplace ? actionData.result : undefined
                  }
                />
              ) : null}
              <Versions schedule={s} beside={canManage} />
            </div>
          </Card>
        ))}
      </div>
    </div>
  )
}

function ScheduleForm({
  schedule,
  lastResult,
}: {
  schedule: Schedule
  lastResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('admin')
  const navigation = useNavigation()
  const location = useLocation()
  const current = schedule.current
  const [form, fields] = useForm({
    id: `fees-${schedule.marketplace}-${location.key}`,
    lastResult,
    defaultValue: current
      ? {
          rate: String(current.rateBp / 100),
          minimum: (current.minimumFen / 100).toFixed(2),
          mode: current.mode,
        }
      : undefined,
    validation: checks(
      () => import('~/domains/payments/admin-forms.schema.ts'),
      'FeeScheduleSchema',
    ),
    shouldRevalidate: 'onBlur',
  })
  const marketplace: Marketplace = schedule.marketplace
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="min-w-0 space-y-3 rounded-md border border-slate-200 p-4 lg:col-span-2"
    >
      <input type="hidden" name="marketplace" value={marketplace} />
      <h3 className="font-medium text-slate-900">{t('payments.fees.edit')}</h3>
      <FormErrors errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label={t('payments.fees.rate')}
          field={fields.rate}
          hint={t('payments.fees.rateHint')}
          autoComplete="off"
        />
        <Field
          label={t('payments.fees.minimum')}
          field={fields.minimum}
          hint={t('payments.yuanHint')}
          autoComplete="off"
        />
      </div>
      <SelectField
        label={t('payments.fees.mode')}
        field={fields.mode}
        options={feeModes.map((m) => ({ value: m, label: t(`payments.feeModeOption.${m}`) }))}
      />
      <ul className="list-disc space-y-1 pl-5 text-xs text-slate-500">
        {feeModes.map((m) => (
          <li key={m}>{t(`payments.feeModeLong.${m}`)}</li>
        ))}
      </ul>
      <Button type="submit" disabled={navigation.state === 'submitting'}>
        {t('payments.fees.submit')}
      </Button>
    </Form>
  )
}

function Versions({ schedule, beside }: { schedule: Schedule; beside: boolean }) {
  const { t } = useTranslation('admin')
  const { lng } = useLoaderData<typeof loader>()
  return (
    <div className={`min-w-0 ${beside ? 'lg:col-span-3' : 'lg:col-span-5'}`}>
      <h3 className="font-medium text-slate-900">{t('payments.fees.history')}</h3>
      <div className={`mt-2 ${table.wrap}`}>
        <table className={table.table}>
          <thead>
            <tr>
              <th scope="col" className={table.th}>
                {t('payments.fees.columns.since')}
              </th>
              <th scope="col" className={`${table.th} text-right`}>
                {t('payments.fees.columns.rate')}
              </th>
              <th scope="col" className={`${table.th} text-right`}>
                {t('payments.fees.columns.minimum')}
              </th>
              <th scope="col" className={table.th}>
                {t('payments.fees.columns.mode')}
              </th>
              <th scope="col" className={table.th}>
                {t('payments.fees.columns.by')}
              </th>
              <th scope="col" className={`${table.th} text-right`}>
                {t('payments.fees.columns.quotes')}
              </th>
            </tr>
          </thead>
          <tbody className={table.body}>
            {schedule.versions.map((v, i) => (
              <tr key={v.id} className={i === 0 ? 'font-medium' : 'text-slate-600'}>
                <td className={`${table.td} whitespace-nowrap`}>
                  {formatDateTime(v.createdAt, lng)}
                  {i === 0 ? (
                    <span className="ml-2 rounded bg-green-50 px-1.5 py-0.5 text-xs text-green-900">
                      {t('payments.fees.inForce')}
                    </span>
                  ) : null}
                </td>
                <td className={`${table.td} text-right tabular-nums`}>
                  {formatRate(v.rateBp, lng)}
                </td>
                <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                  {formatMoney(v.minimumFen, 'CNY')}
                </td>
                <td className={`${table.td} whitespace-nowrap`}>
                  {t(`payments.feeMode.${v.mode}`)}
                </td>
                <td className={`${table.td} whitespace-nowrap`}>
                  {v.createdBy ?? t('payments.fees.initial')}
                </td>
                <td className={`${table.td} text-right tabular-nums`}>
                  {formatNumber(v.quotes, lng)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
