// Innovation vouchers (创新券), with the platform admin standing in for the issuing science
// bureau: grant a voucher to a startup, answer the redemptions providers submitted (reimburse,
// or reject with a reason: the booker then owes the provider the voucher part), and the grants
// with what is used and left of each.
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
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import { isUuid } from '../../db/ids.ts'
import { AdminNav, StatusBadge, table } from '~/components/admin-nav.tsx'
import {
  Button,
  Card,
  Field,
  FormErrors,
  Notice,
  PageTitle,
  SelectField,
  TextareaField,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { sharesParty } from '~/domains/admin/conflict.server.ts'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { adminRolesAllow } from '~/domains/accounts/permissions.ts'
import { TransitionError } from '~/domains/lifecycle/machine.ts'
// Money reads ¥1,234.50 in either language (formatMoney's default format), never CN¥ or 万.
import { formatMoney } from '~/domains/payments/money.ts'
import { decideVoucherUse } from '~/domains/vouchers/decide-voucher-use.server.ts'
import { grantVoucher } from '~/domains/vouchers/grant-voucher.server.ts'
import { shanghaiToday } from '~/shanghai-time.server.ts'
import {
  decidedRedemptions,
  submittedRedemptions,
  voucherGrants,
  voucherHolderChoices,
  voucherHolders,
} from '~/domains/vouchers/voucher-queries.server.ts'
import { AdminVoucherSchema } from '~/domains/vouchers/vouchers.schema.ts'
import {
  clientIp,
  replyWithError,
  requestLanguage,
  textParam,
} from '~/domains/web/request.server.ts'
import { formatDate, formatDateTime } from '~/i18n/format.ts'

const PAGE = '/admin/vouchers'
const notices = ['granted', 'reimbursed', 'rejected'] as const
type NoticeKey = (typeof notices)[number]

type ActionReply = { intent: string; useId: string | null; result: SubmissionResult<string[]> }

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:payment:any')
  const url = new URL(request.url)
  const q = textParam(url, 'q')
  const org = url.searchParams.get('org')
  const orgId = isUuid(org) ? org : null
  const [choices, holders, grants, queue, decided, lng] = await Promise.all([
    voucherHolderChoices(q),
    voucherHolders(),
    voucherGrants({ orgId }),
    submittedRedemptions(),
    decidedRedemptions(),
    requestLanguage(request),
  ])
  // Redemptions in which the admin's own organisation holds the voucher, provides or books
  // are for another admin to answer: the page says so instead of offering the buttons.
  const conflicted = queue
    .filter((u) =>
      sharesParty(auth, [u.holderOrgId, u.providerOrgId, u.bookerOrgId, u.listingOrgId]),
    )
    .map((u) => u.id)
  return {
    q,
    orgId,
    choices,
    holders,
    grants,
    queue,
    conflicted,
    decided,
    today: shanghaiToday(),
    canManage: adminRolesAllow(auth.adminRoles, 'manage:payment:any'),
    readsPackets:
      adminRolesAllow(auth.adminRoles, 'view:document:any') ||
      adminRolesAllow(auth.adminRoles, 'manage:payment:any'),
    adminRoles: auth.adminRoles,
    lng,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, 'manage:payment:any')
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const rawId = formData.get('useId')
  const useId = typeof rawId === 'string' ? rawId : null
  const submission = parseWithZod(formData, { schema: AdminVoucherSchema })
  if (submission.status !== 'success')
    return { intent, useId, result: submission.reply() } satisfies ActionReply
  const input = submission.value
  const ip = clientIp(context)
  let done: NoticeKey
  try {
    done = await db().transaction(async (tx): Promise<NoticeKey> => {
      if (input.intent === 'grant') {
        await grantVoucher(tx, { ...input, actorUserId: auth.user.id, ip })
        return 'granted'
      }
      await decideVoucherUse(tx, { ...input, actorUserId: auth.user.id, ip })
      return input.intent === 'reimburse' ? 'reimbursed' : 'rejected'
    })
  } catch (error) {
    if (error instanceof TransitionError) {
      const result = submission.reply({ formErrors: ['vouchers:errors.conflict'] })
      return Response.json({ intent, useId, result } satisfies ActionReply, { status: 409 })
    }
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, useId, result } satisfies ActionReply, { status })
  }
  return redirect(`${PAGE}?done=${done}`)
}

export const meta: MetaFunction = () => [{ title: '创新券 · 管理后台 · 众创 Zhongchuang' }]

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type QueueItem = Data['queue'][number]

export default function AdminVouchersPage() {
  const { t } = useTranslation(['vouchers', 'admin'])
  const data = useLoaderData<typeof loader>()
  const { queue, canManage, lng } = data
  // Replies with a status (Response.json) type as `any`; this is the shape every branch returns.
  const actionData = useActionData<typeof action>() as ActionReply | undefined
  const [searchParams] = useSearchParams()
  const location = useLocation()
  const done = searchParams.get('done')
  const resultFor = (intent: string, id: string | null) =>
    actionData?.intent === intent && actionData.useId === id ? actionData.result : undefined
  // A decision refused because the use moved on: its form is gone, so say why at the top.
  const orphan =
    actionData?.useId && !queue.some((u) => u.id === actionData.useId)
      ? actionData.result.error?.['']
      : undefined
  return (
    <div>
      <AdminNav roles={data.adminRoles} />
      <PageTitle sub={t('admin.sub')}>{t('admin.title')}</PageTitle>
      {done && (notices as readonly string[]).includes(done) ? (
        <div className="mb-6">
          <Notice tone="success">{t(`admin.done.${done as NoticeKey}`)}</Notice>
        </div>
      ) : null}
      {orphan ? (
        <div className="mb-6">
          <FormErrors errors={orphan} />
        </div>
      ) : null}

      <Card className="mb-6">
        <h2 className="text-lg font-semibold text-slate-900">
          {t('admin.queue.title')}{' '}
          <span className="text-sm font-normal text-slate-500">({queue.length})</span>
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('admin.queue.sub')}</p>
        {queue.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t('admin.queue.empty')}</p>
        ) : (
          <ul className="mt-4 space-y-4">
            {queue.map((u) => (
              <li key={u.id} className="rounded-md border border-amber-200 p-4">
                <UseFacts use={u} lng={lng} readsPackets={data.readsPackets} />
                {canManage && data.conflicted.includes(u.id) ? (
                  <p className="mt-4 text-sm text-amber-800">{t('admin:conflict.refused')}</p>
                ) : canManage ? (
                  <Decision
                    key={`${u.id}-${location.key}`}
                    use={u}
                    reimburseResult={resultFor('reimburse', u.id)}
                    rejectResult={resultFor('reject', u.id)}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>

      {canManage ? (
        <Card className="mb-6">
          <h2 className="text-lg font-semibold text-slate-900">{t('admin.grant.title')}</h2>
          <p className="mt-1 text-sm text-slate-600">{t('admin.grant.help')}</p>
          <Form method="get" className="mt-4 flex flex-wrap items-end gap-2" role="search">
            {data.orgId ? <input type="hidden" name="org" value={data.orgId} /> : null}
            <div className="min-w-0 grow">
              <label htmlFor="org-search" className="block text-sm font-medium text-slate-800">
                {t('admin.grant.search')}
              </label>
              <input
                id="org-search"
                name="q"
                type="search"
                defaultValue={data.q}
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
              />
            </div>
            <Button type="submit" variant="secondary">
              {t('admin.grant.searchButton')}
            </Button>
          </Form>
          <GrantForm key={location.key} lastResult={resultFor('grant', null)} />
        </Card>
      ) : null}

      <Card className="mb-6">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 className="text-lg font-semibold text-slate-900">{t('admin.grants.title')}</h2>
          <Form method="get" className="flex flex-wrap items-end gap-2">
            {data.q ? <input type="hidden" name="q" value={data.q} /> : null}
            <div>
              <label htmlFor="org-filter" className="block text-sm font-medium text-slate-800">
                {t('admin.grants.filter')}
              </label>
              <select
                id="org-filter"
                name="org"
                defaultValue={data.orgId ?? ''}
                className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
              >
                <option value="">{t('admin.grants.allOrgs')}</option>
                {data.holders.map((h) => (
                  <option key={h.id} value={h.id}>
                    {h.name}
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit" variant="secondary">
              {t('admin.grants.apply')}
            </Button>
          </Form>
        </div>
        <Grants />
      </Card>

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">{t('admin.decided.title')}</h2>
        {data.decided.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t('admin.decided.empty')}</p>
        ) : (
          <div className={`mt-4 ${table.wrap}`}>
            <table className={table.table}>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={table.th}>
                    {t('columns.packetNo')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('columns.provider')}
                  </th>
                  <th scope="col" className={`${table.th} text-right`}>
                    {t('columns.amount')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('columns.status')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('columns.decidedAt')}
                  </th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {data.decided.map((u) => (
                  <tr key={u.id}>
                    <td className={`${table.td} whitespace-nowrap font-mono`}>{u.packetNo}</td>
                    <td className={`${table.td} min-w-40`}>
                      {u.providerName}
                      <span className="block text-xs text-slate-500">{u.listingName}</span>
                    </td>
                    <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                      {formatMoney(u.amountFen)}
                    </td>
                    <td className={`${table.td} min-w-40`}>
                      <StatusBadge
                        status={u.status === 'reimbursed' ? 'settled' : u.status}
                        label={t(`status.${u.status}`)}
                      />
                      {u.decisionNote ? (
                        <span className="mt-1 block text-xs text-slate-600">
                          {t('admin.decided.reason', { reason: u.decisionNote })}
                        </span>
                      ) : null}
                      {u.debtPaymentId ? (
                        <Link
                          to={`/admin/payments/${u.debtPaymentId}`}
                          className="mt-1 block text-xs"
                        >
                          {t('admin.decided.debt')}
                        </Link>
                      ) : null}
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {u.decidedAt ? formatDateTime(u.decidedAt, lng) : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  )
}

function UseFacts({
  use: u,
  lng,
  readsPackets,
}: {
  use: QueueItem
  lng: Data['lng']
  readsPackets: boolean
}) {
  const { t } = useTranslation('vouchers')
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0 space-y-1">
        <p className="text-lg font-semibold tabular-nums text-slate-900">
          {formatMoney(u.amountFen)}{' '}
          <span className="font-mono text-sm font-normal text-slate-600">{u.packetNo}</span>
        </p>
        <p className="text-sm text-slate-800">
          {t('admin.queue.provider', { provider: u.providerName, listing: u.listingName })}
        </p>
        <p className="text-sm text-slate-700">
          {t('admin.queue.booker', {
            booker: u.bookerOrgName ? `${u.bookerOrgName}（${u.bookerName}）` : u.bookerName,
            start: formatDateTime(u.startsAt, lng),
          })}
        </p>
        <p className="text-xs text-slate-500">
          {t('admin.queue.voucher', { issuer: u.issuer, reference: u.reference })}
          {u.submittedAt
            ? ` · ${t('admin.queue.submittedAt', { at: formatDateTime(u.submittedAt, lng) })}`
            : ''}
        </p>
        {readsPackets ? (
          <p className="flex gap-4 text-sm">
            <Link to={`/bookings/${u.bookingId}/packet`}>{t('packetLink')}</Link>
            <a href={`/bookings/${u.bookingId}/packet.pdf`} download>
              {t('pdfLink')}
            </a>
          </p>
        ) : null}
      </div>
      <StatusBadge status="pending" label={t('status.submitted')} />
    </div>
  )
}

function Decision({
  use,
  reimburseResult,
  rejectResult,
}: {
  use: QueueItem
  reimburseResult?: SubmissionResult<string[]>
  rejectResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('vouchers')
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: `reject-${use.id}`,
    lastResult: rejectResult,
    validation: checks(() => import('~/domains/vouchers/vouchers.schema.ts'), 'AdminVoucherSchema'),
  })
  const busy = navigation.state === 'submitting'
  return (
    <div className="mt-4 grid gap-4 md:grid-cols-2">
      <Form method="post" className="space-y-3">
        <input type="hidden" name="intent" value="reimburse" />
        <input type="hidden" name="useId" value={use.id} />
        <FormErrors errors={reimburseResult?.error?.['']} />
        <p className="text-sm text-slate-600">{t('admin.queue.reimburseHelp')}</p>
        <Button type="submit" disabled={busy}>
          {t('admin.queue.reimburse')}
        </Button>
      </Form>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <input type="hidden" name="intent" value="reject" />
        <input type="hidden" name="useId" value={use.id} />
        <FormErrors errors={form.errors} />
        <Field
          label={t('admin.queue.reason')}
          field={fields.reason}
          hint={t('admin.queue.rejectHelp', { amount: formatMoney(use.amountFen) })}
        />
        <Button type="submit" variant="danger" disabled={busy}>
          {t('admin.queue.reject')}
        </Button>
      </Form>
    </div>
  )
}

function GrantForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation('vouchers')
  const { choices, q, today } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'grant-voucher',
    lastResult,
    defaultValue: choices.length === 1 ? { orgId: choices[0]?.id } : undefined,
    validation: checks(() => import('~/domains/vouchers/vouchers.schema.ts'), 'GrantVoucherSchema'),
    shouldRevalidate: 'onBlur',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
      <input type="hidden" name="intent" value="grant" />
      <FormErrors errors={form.errors} />
      {choices.length === 0 ? (
        <Notice tone="warning">{t('admin.grant.noMatches', { q })}</Notice>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('admin.grant.org')}
          field={fields.orgId}
          placeholder={t('admin.grant.orgPlaceholder', { count: choices.length })}
          options={choices.map((c) => ({ value: c.id, label: `${c.name} · ${c.city}` }))}
        />
        <Field
          label={t('admin.grant.issuer')}
          field={fields.issuer}
          hint={t('admin.grant.issuerHint')}
          autoComplete="off"
        />
        <Field
          label={t('admin.grant.reference')}
          field={fields.reference}
          hint={t('admin.grant.referenceHint')}
          autoComplete="off"
        />
        <Field
          label={t('admin.grant.amount')}
          field={fields.amount}
          hint={t('admin.grant.amountHint')}
          inputMode="text"
          autoComplete="off"
        />
        <Field
          label={t('admin.grant.expiresOn')}
          field={fields.expiresOn}
          type="date"
          hint={t('admin.grant.expiresOnHint', { today })}
        />
      </div>
      <TextareaField label={t('admin.grant.note')} field={fields.note} />
      <Button type="submit" disabled={navigation.state === 'submitting'}>
        {t('admin.grant.submit')}
      </Button>
    </Form>
  )
}

function Grants() {
  const { t } = useTranslation('vouchers')
  const { grants, lng } = useLoaderData<typeof loader>()
  if (grants.length === 0)
    return <p className="mt-4 text-sm text-slate-600">{t('admin.grants.empty')}</p>
  return (
    <div className={`mt-4 ${table.wrap}`}>
      <table className={table.table}>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={table.th}>
              {t('columns.org')}
            </th>
            <th scope="col" className={table.th}>
              {t('columns.voucher')}
            </th>
            <th scope="col" className={`${table.th} text-right`}>
              {t('columns.amount')}
            </th>
            <th scope="col" className={`${table.th} text-right`}>
              {t('columns.used')}
            </th>
            <th scope="col" className={`${table.th} text-right`}>
              {t('columns.balance')}
            </th>
            <th scope="col" className={table.th}>
              {t('columns.expiresOn')}
            </th>
            <th scope="col" className={table.th}>
              {t('columns.granted')}
            </th>
          </tr>
        </thead>
        <tbody className={table.body}>
          {grants.map((g) => (
            <tr key={g.id} className={g.expired ? 'text-slate-500' : undefined}>
              <td className={`${table.td} min-w-40`}>
                <Link to={`${PAGE}?org=${g.orgId}`}>{g.orgName}</Link>
              </td>
              <td className={`${table.td} min-w-40`}>
                {g.issuer}
                <span className="block font-mono text-xs text-slate-500">{g.reference}</span>
                {g.note ? <span className="block text-xs text-slate-500">{g.note}</span> : null}
              </td>
              <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                {formatMoney(g.amountFen)}
              </td>
              <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                {formatMoney(g.drawnFen)}
              </td>
              <td className={`${table.td} whitespace-nowrap text-right font-medium tabular-nums`}>
                {formatMoney(g.balanceFen)}
              </td>
              <td className={`${table.td} whitespace-nowrap`}>
                {formatDate(g.expiresOn, lng)}
                {g.expired ? (
                  <span className="ml-2">
                    {/* Red, as other things that can no longer be used. */}
                    <StatusBadge status="rejected" label={t('admin.grants.expired')} />
                  </span>
                ) : null}
              </td>
              <td className={`${table.td} whitespace-nowrap`}>
                {formatDate(g.createdAt, lng)}
                {g.grantedBy ? (
                  <span className="block text-xs text-slate-500">{g.grantedBy}</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
