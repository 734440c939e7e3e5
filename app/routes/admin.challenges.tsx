// /admin/challenges: awards under way (awarded, funded, in delivery), with what is held for each.
// After funding a challenge ends early only by both sides' agreement or an admin's decision;
// this is where the admin decides, with a reason, and what was not released goes back.
import { getFormProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { desc, eq, inArray } from 'drizzle-orm'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import { challengeBids, challenges, organisations } from '../../db/schema/index.ts'
import { AdminNav, StatusBadge } from '~/components/admin-nav.tsx'
import { Button, Card, ErrorList, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { forbidden, requireAdmin } from '~/domains/accounts/auth.server.ts'
import { adminRolesAllow } from '~/domains/accounts/permissions.ts'
import { adminCancelChallenge } from '~/domains/challenges/delivery.server.ts'
import { formatMoney } from '~/domains/payments/money.ts'
import {
  clientIp,
  PagedSchema,
  replyWithError,
  requestLanguage,
  searchParamsOf,
  textParam,
} from '~/domains/web/request.server.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { ContentModeration } from '~/components/admin-moderation.tsx'
import { handleHoldAction, moderationRows } from '~/domains/moderation/admin-holds.server.ts'
import { AdminCancelChallengeSchema } from '~/domains/challenges/challenge-form.schema.ts'

const PAGE = '/admin/challenges'
const underWay = ['awarded', 'funded', 'in_delivery'] as const

type Reply = { challengeId: string | null; result: SubmissionResult<string[]> }

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request)
  // Finance sees the awards under way; moderators search every challenge to hide or lift.
  const canFinance = adminRolesAllow(auth.adminRoles, 'view:payment:any')
  const canModerate = adminRolesAllow(auth.adminRoles, 'moderate:content:any')
  if (!canFinance && !canModerate) throw forbidden()
  const url = new URL(request.url)
  const q = textParam(url, 'q')
  const moderation = canModerate
    ? await moderationRows({
        kind: 'challenge',
        q,
        page: searchParamsOf(request, PagedSchema).page ?? 1,
        adminUserId: auth.user.id,
      })
    : null
  const rows = !canFinance
    ? []
    : await db()
        .select({
          id: challenges.id,
          slug: challenges.slug,
          title: challenges.title,
          status: challenges.status,
          // The award is the winning bid's price (a fixed award is every bid's price).
          awardFen: challengeBids.priceFen,
          deliveryDeadline: challenges.deliveryDeadline,
          orgName: organisations.name,
        })
        .from(challenges)
        .innerJoin(organisations, eq(organisations.id, challenges.orgId))
        .leftJoin(challengeBids, eq(challengeBids.id, challenges.awardedBidId))
        .where(inArray(challenges.status, [...underWay]))
        .orderBy(desc(challenges.updatedAt))
        .limit(200)
  return {
    canFinance,
    q,
    moderation,
    rows: rows.map((r) => ({ ...r, deliveryDeadline: r.deliveryDeadline.toISOString() })),
    lng: await requestLanguage(request),
    adminRoles: auth.adminRoles,
    canCancel: adminRolesAllow(auth.adminRoles, 'manage:payment:any'),
  }
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
  const auth = await requireAdmin(request, 'manage:payment:any')
  const formData = await request.formData()
  const raw = formData.get('challengeId')
  const challengeId = typeof raw === 'string' ? raw : null
  const submission = parseWithZod(formData, { schema: AdminCancelChallengeSchema })
  if (submission.status !== 'success')
    return { challengeId, result: submission.reply() } satisfies Reply
  try {
    await adminCancelChallenge({
      challengeId: submission.value.challengeId,
      actorUserId: auth.user.id,
      reason: submission.value.reason,
      ip: clientIp(context),
    })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ challengeId, result } satisfies Reply, { status })
  }
  return redirect(`${PAGE}?done=1`)
}

export const meta: MetaFunction = () => [{ title: '进行中的揭榜 · 众创 Zhongchuang' }]

type Row = ReturnType<typeof useLoaderData<typeof loader>>['rows'][number]

function CancelForm({ row, lastResult }: { row: Row; lastResult?: Reply['result'] }) {
  const { t } = useTranslation('admin')
  const [form, fields] = useForm({
    id: `cancel-${row.id}`,
    lastResult,
    validation: checks(
      () => import('~/domains/challenges/challenge-form.schema.ts'),
      'AdminCancelChallengeSchema',
    ),
    shouldValidate: 'onSubmit',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-2 border-t pt-3">
      <input type="hidden" name="challengeId" value={row.id} />
      <FormErrors errors={form.errors} />
      <label htmlFor={fields.reason.id} className="block text-sm font-medium">
        {t('challenges.reason')}
      </label>
      <textarea
        {...getTextareaProps(fields.reason)}
        rows={2}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
      <p className="text-xs text-slate-600">{t('challenges.cancelNote')}</p>
      <Button type="submit" variant="danger">
        {t('challenges.cancel')}
      </Button>
    </Form>
  )
}

export default function AdminChallengesPage() {
  const { t } = useTranslation('admin')
  const data = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const [params] = useSearchParams()
  const { t: tm } = useTranslation('moderation')
  const { t: tc } = useTranslation('challenges')
  const held = params.get('held')
  return (
    <div>
      <AdminNav roles={data.adminRoles} />
      <PageTitle sub={t('challenges.sub')}>{t('challenges.title')}</PageTitle>
      {params.get('done') ? (
        <div className="mb-4">
          <Notice tone="success">{t('challenges.done')}</Notice>
        </div>
      ) : null}
      {held === 'hide' || held === 'lift' ? (
        <div className="mb-4">
          <Notice tone="success">{tm(`admin.done.${held}`)}</Notice>
        </div>
      ) : null}
      {!data.canFinance ? null : data.rows.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t('challenges.none')}</p>
        </Card>
      ) : (
        <ul className="space-y-4">
          {data.rows.map((r) => (
            <li key={r.id}>
              <Card>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <h2 className="text-base font-semibold">
                      <Link to={`/challenges/${r.slug}`}>{r.title}</Link>
                    </h2>
                    <p className="text-sm text-slate-600">
                      {r.orgName} ·{' '}
                      {t('challenges.award', {
                        amount: formatMoney(r.awardFen ?? 0, 'CNY', data.lng),
                      })}{' '}
                      ·{' '}
                      {t('challenges.delivery', {
                        at: formatDateTime(r.deliveryDeadline, data.lng),
                      })}
                    </p>
                  </div>
                  <StatusBadge status={r.status} label={t(`challenges.status.${r.status}`)} />
                </div>
                {data.canCancel && r.status !== 'awarded' ? (
                  <CancelForm
                    row={r}
                    lastResult={reply?.challengeId === r.id ? reply.result : undefined}
                  />
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
      {data.moderation ? (
        <ContentModeration
          rows={data.moderation.rows}
          q={data.q}
          page={data.moderation.page}
          hasNext={data.moderation.hasNext}
          statusLabel={(s) => tc(`status.${s}`, { defaultValue: s })}
        />
      ) : null}
    </div>
  )
}
