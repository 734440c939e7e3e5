// /campaigns/:slug/withdraw: the startup's owners and admins (404 to anyone else) call off a
// live campaign with a reason: every commitment is released and money paid now goes back whole.
import { getFormProps, getTextareaProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, Card, ErrorList, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { managedCampaign, withdrawCampaign } from '~/domains/deals/closing.server.ts'
import { campaignTotals } from '~/domains/deals/commitment-limits.server.ts'
import { WithdrawSchema } from '~/domains/deals/commitments.schema.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { formatMoney } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'
import { db } from '../../db/client.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const campaign = await managedCampaign(params.slug ?? '', auth.user.id)
  if (!campaign) throw notFound()
  const totals = await campaignTotals(db(), campaign.id)
  return {
    campaign: { slug: campaign.slug, title: campaign.title, status: campaign.status },
    committedFen: totals.totalFen,
    investors: totals.investors,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const campaign = await managedCampaign(params.slug ?? '', auth.user.id)
  if (!campaign) throw notFound()
  const submission = parseWithZod(await request.formData(), { schema: WithdrawSchema })
  if (submission.status !== 'success') return submission.reply()
  try {
    await withdrawCampaign({
      campaignId: campaign.id,
      userId: auth.user.id,
      as: 'startup',
      reason: submission.value.reason,
      ip: clientIp(context),
    })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json(result, { status })
  }
  return redirect(`/campaigns/${campaign.slug}/closing?done=withdrawn`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `撤回 · ${data.campaign.title} · 众创 Zhongchuang` : '众创 Zhongchuang' },
]

export default function WithdrawPage() {
  const data = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation('commitments')
  const lng = useRootData()?.locale ?? 'zh-CN'
  const busy = useNavigation().state !== 'idle'
  const [form, fields] = useForm({
    id: 'withdraw',
    lastResult,
    validation: checks(() => import('~/domains/deals/commitments.schema.ts'), 'WithdrawSchema'),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const live = data.campaign.status === 'live' || data.campaign.status === 'draft'
  const reason = getTextareaProps(fields.reason)
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageTitle
        sub={
          <Link to={`/campaigns/${data.campaign.slug}/manage`} className="text-brand-700 underline">
            {t('closing.back')}
          </Link>
        }
      >
        {t('withdraw.title', { title: data.campaign.title })}
      </PageTitle>
      {!live ? (
        <Notice tone="info">{t('withdraw.notLive')}</Notice>
      ) : (
        <Card>
          <p className="text-sm text-slate-700">
            {t('withdraw.intro', {
              count: data.investors,
              amount: formatMoney(data.committedFen, lng),
            })}
          </p>
          <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
            <FormErrors errors={form.errors} />
            <div>
              <label
                htmlFor={fields.reason.id}
                className="block text-sm font-medium text-slate-800"
              >
                {t('withdraw.reason')}
              </label>
              <textarea
                {...reason}
                key={reason.key}
                rows={4}
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
              />
              <p className="mt-1 text-xs text-slate-500">{t('withdraw.reasonHint')}</p>
              <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
            </div>
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name={fields.confirm.name} className="mt-1" />
              <span>{t('withdraw.confirm')}</span>
            </label>
            <ErrorList id={fields.confirm.errorId} errors={fields.confirm.errors} />
            <Button type="submit" variant="danger" disabled={busy}>
              {t('withdraw.submit')}
            </Button>
          </Form>
        </Card>
      )}
    </div>
  )
}
