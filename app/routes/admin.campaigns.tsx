// /admin/campaigns: campaigns by status for the admins who verify them. A funded campaign's
// closing documents open from here; verifying them completes the round (the startup is paid
// less the platform fee and each holding recorded), or they go back with a reason. A live
// campaign can be withdrawn. Nobody acts on a campaign of their own organisation or one their
// firm invests in; every action is audited.
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
import { AdminNav, table } from '~/components/admin-nav.tsx'
import { Button, Card, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { useForm } from '~/components/ui/use-form.ts'
import { forbidden, requireAdmin } from '~/domains/accounts/auth.server.ts'
import {
  completeCampaign,
  rejectDocuments,
  withdrawCampaign,
} from '~/domains/deals/closing.server.ts'
import { adminCampaigns } from '~/domains/deals/commitment-queries.server.ts'
import { AdminCampaignSchema } from '~/domains/deals/commitments.schema.ts'
import { adminStatuses, type AdminStatus } from '~/domains/deals/deal.machine.ts'
import {
  clientIp,
  PagedSchema,
  replyWithError,
  searchParamsOf,
  textParam,
} from '~/domains/web/request.server.ts'
import { formatDateTime, formatMoney } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'
import { ContentModeration } from '~/components/admin-moderation.tsx'
import { handleHoldAction, moderationRows } from '~/domains/moderation/admin-holds.server.ts'
import { adminRolesAllow } from '~/domains/accounts/permissions.ts'

const PAGE = '/admin/campaigns'

const statusOf = (value: string | null): AdminStatus =>
  (adminStatuses as readonly string[]).includes(value ?? '')
    ? (value as AdminStatus)
    : 'documents_submitted'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request)
  // Verifiers check closing documents; moderators search every campaign to hide or lift.
  const canVerify = adminRolesAllow(auth.adminRoles, 'verify:campaign:any')
  const canModerate = adminRolesAllow(auth.adminRoles, 'moderate:content:any')
  if (!canVerify && !canModerate) throw forbidden()
  const url = new URL(request.url)
  const status = statusOf(url.searchParams.get('status'))
  const q = textParam(url, 'q')
  const { list, byStatus } = canVerify
    ? await adminCampaigns(status, auth.user.id)
    : { list: [], byStatus: {} as Record<string, number> }
  const moderation = canModerate
    ? await moderationRows({
        kind: 'campaign',
        q,
        page: searchParamsOf(request, PagedSchema).page ?? 1,
        adminUserId: auth.user.id,
      })
    : null
  return { status, list, byStatus, canVerify, q, moderation, roles: auth.adminRoles }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const intent = (await request.clone().formData()).get('intent')
  if (intent === 'hide' || intent === 'lift') {
    const moderator = await requireAdmin(request, 'moderate:content:any')
    const refused = await handleHoldAction(
      await request.formData(),
      moderator.user.id,
      clientIp(context),
    )
    if (refused) return Response.json({ hold: refused.reply }, { status: refused.status })
    return redirect(`${PAGE}?held=${intent}`)
  }
  const auth = await requireAdmin(request, 'verify:campaign:any')
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: AdminCampaignSchema })
  if (submission.status !== 'success')
    return Response.json(
      { campaignId: String(formData.get('campaignId') ?? ''), result: submission.reply() },
      { status: 400 },
    )
  const v = submission.value
  const base = { campaignId: v.campaignId, ip: clientIp(context) }
  try {
    if (v.intent === 'complete') await completeCampaign({ ...base, adminUserId: auth.user.id })
    else if (v.intent === 'reject')
      await rejectDocuments({ ...base, adminUserId: auth.user.id, reason: v.reason })
    else await withdrawCampaign({ ...base, userId: auth.user.id, as: 'admin', reason: v.reason })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ campaignId: v.campaignId, result }, { status })
  }
  const back = new URL(request.url).searchParams.get('status') ?? 'documents_submitted'
  return redirect(`${PAGE}?status=${back}&done=${v.intent}`)
}

export const meta: MetaFunction = () => [{ title: '融资项目核验 · 众创 Zhongchuang' }]

type Row = ReturnType<typeof useLoaderData<typeof loader>>['list'][number]

function ReasonForm({ row, intent }: { row: Row; intent: 'reject' | 'withdraw' }) {
  const { t } = useTranslation('commitments')
  const reply = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const mine = reply?.campaignId === row.id ? reply.result : undefined
  const [form, fields] = useForm({ id: `${intent}-${row.id}`, lastResult: mine })
  return (
    <Form method="post" className="space-y-2" id={form.id}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="campaignId" value={row.id} />
      <label
        className="block text-xs font-medium text-slate-700"
        htmlFor={`${intent}-reason-${row.id}`}
      >
        {t(`admin.${intent}Reason`)}
      </label>
      <textarea
        id={`${intent}-reason-${row.id}`}
        name="reason"
        rows={2}
        className="block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
      />
      <FormErrors errors={[...(form.errors ?? []), ...(fields.reason.errors ?? [])]} />
      <Button
        type="submit"
        variant={intent === 'withdraw' ? 'danger' : 'secondary'}
        disabled={busy}
      >
        {t(`admin.${intent}`)}
      </Button>
    </Form>
  )
}

export default function AdminCampaignsPage() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('commitments')
  const lng = useRootData()?.locale ?? 'zh-CN'
  const busy = useNavigation().state !== 'idle'
  const [searchParams] = useSearchParams()
  const done = searchParams.get('done')
  const held = searchParams.get('held')
  const { t: tm } = useTranslation('moderation')
  const money = (fen: number) => formatMoney(fen, lng)
  return (
    <div>
      <AdminNav roles={data.roles} />
      <PageTitle sub={t('admin.sub')}>{t('admin.title')}</PageTitle>
      {done ? (
        <div className="mb-4">
          <Notice tone="success">{t(`admin.done.${done}`)}</Notice>
        </div>
      ) : null}
      {held === 'hide' || held === 'lift' ? (
        <div className="mb-4">
          <Notice tone="success">{tm(`admin.done.${held}`)}</Notice>
        </div>
      ) : null}
      {data.canVerify ? (
        <>
          <nav aria-label={t('admin.byStatus')} className="mb-4">
            <ul className="flex gap-2 overflow-x-auto pb-1 text-sm">
              {adminStatuses.map((s) => (
                <li key={s} className="shrink-0">
                  <Link
                    to={`${PAGE}?status=${s}`}
                    className={`inline-flex whitespace-nowrap rounded-full border px-3 py-1 hover:no-underline ${
                      s === data.status
                        ? 'border-brand-600 bg-brand-50 text-brand-800'
                        : 'border-slate-300 bg-white text-slate-700 hover:border-brand-600'
                    }`}
                  >
                    {t(`campaignStatus.${s}`)} · {data.byStatus[s] ?? 0}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <Card>
            {data.list.length === 0 ? (
              <p className="text-sm text-slate-600">{t('admin.none')}</p>
            ) : (
              <div className={table.wrap}>
                <table className={table.table}>
                  <thead>
                    <tr>
                      <th className={table.th}>{t('admin.campaign')}</th>
                      <th className={`${table.th} text-right`}>{t('admin.money')}</th>
                      <th className={table.th}>{t('commit.deadline')}</th>
                      <th className={table.th}>{t('admin.actions')}</th>
                    </tr>
                  </thead>
                  <tbody className={table.body}>
                    {data.list.map((row) => {
                      return (
                        <tr key={row.id}>
                          <td className={table.td}>
                            <Link to={`/campaigns/${row.slug}`}>{row.title}</Link>
                            <span className="block text-xs text-slate-500">{row.orgName}</span>
                            {row.rejection ? (
                              <span className="block text-xs text-amber-800">
                                {t('admin.lastRejection', { reason: row.rejection })}
                              </span>
                            ) : null}
                          </td>
                          <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                            {money(row.raisedFen ?? row.committedFen)}
                            <span className="block text-xs text-slate-500">
                              {t('admin.ofTarget', { target: money(row.targetFen) })}
                            </span>
                          </td>
                          <td className={`${table.td} whitespace-nowrap`}>
                            {formatDateTime(row.deadline, lng)}
                          </td>
                          <td className={`${table.td} min-w-64 space-y-3`}>
                            {row.agreement || row.registration ? (
                              <ul className="space-y-1 text-sm">
                                {row.agreement ? (
                                  <li>
                                    <a
                                      href={`/uploads/${row.agreement.id}`}
                                      target="_blank"
                                      rel="noreferrer"
                                    >
                                      {t('closing.documents.agreement')}
                                    </a>
                                  </li>
                                ) : null}
                                {row.registration ? (
                                  <li>
                                    <a
                                      href={`/uploads/${row.registration.id}`}
                                      target="_blank"
                                      rel="noreferrer"
                                    >
                                      {t('closing.documents.registration')}
                                    </a>
                                  </li>
                                ) : null}
                              </ul>
                            ) : null}
                            {row.conflict ? (
                              <p className="text-xs text-amber-800">{t('admin.conflict')}</p>
                            ) : row.status === 'documents_submitted' ? (
                              <>
                                <Form method="post">
                                  <input type="hidden" name="intent" value="complete" />
                                  <input type="hidden" name="campaignId" value={row.id} />
                                  <Button type="submit" disabled={busy}>
                                    {t('admin.complete')}
                                  </Button>
                                </Form>
                                <ReasonForm row={row} intent="reject" />
                              </>
                            ) : row.status === 'live' ? (
                              <ReasonForm row={row} intent="withdraw" />
                            ) : (
                              <span className="text-xs text-slate-500">{t('admin.nothing')}</span>
                            )}
                          </td>
                        </tr>
                      )
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        </>
      ) : null}
      {data.moderation ? (
        <ContentModeration
          rows={data.moderation.rows}
          q={data.q}
          page={data.moderation.page}
          hasNext={data.moderation.hasNext}
          statusLabel={(s) => t(`campaignStatus.${s}`, { defaultValue: s })}
        />
      ) : null}
    </div>
  )
}
