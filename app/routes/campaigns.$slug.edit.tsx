// Edit a campaign: a draft freely, then publish it; a live one with every change to the terms
// announced as a new version that investors must reconfirm. Only the startup's owners and admins
// reach it; anyone outside the startup gets 404, so drafts are not discoverable by guessing.
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
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CampaignFields, type CampaignFormShape } from '~/components/campaigns/campaign-form.tsx'
import {
  Button,
  Card,
  FormErrors,
  Notice,
  PageTitle,
  translateError,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import {
  membershipOf,
  notFound,
  requireMember,
  requireOrgPermission,
} from '~/domains/accounts/auth.server.ts'
import { CampaignFormSchema } from '~/domains/deals/campaign-form.schema.ts'
import {
  campaignDefaults,
  fileOf,
  fileTooLarge,
  readCampaignForm,
  uploadName,
} from '~/domains/deals/campaign-request.server.ts'
import { campaignBySlug } from '~/domains/deals/campaign-view.server.ts'
import { CAMPAIGN_MAX_DAYS } from '~/domains/deals/deals.schema.ts'
import { publishBlockers, publishCampaign } from '~/domains/deals/publish-campaign.server.ts'
import { updateCampaign } from '~/domains/deals/save-campaign.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { useRootData } from '~/root.tsx'
import { now } from '~/clock.server.ts'
import { db } from '../../db/client.server.ts'

async function ownCampaign(request: Request, slug: string) {
  const auth = await requireMember(request)
  const campaign = await campaignBySlug(db(), slug)
  if (!campaign || !membershipOf(auth, campaign.orgId)) throw notFound()
  const { membership } = await requireOrgPermission(request, campaign.orgId, 'raise:money:own')
  return { auth, campaign, org: membership }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { campaign, org } = await ownCampaign(request, params.slug ?? '')
  return {
    campaign: {
      id: campaign.id,
      slug: campaign.slug,
      title: campaign.title,
      status: campaign.status,
      version: campaign.version,
    },
    org: { name: org.name },
    defaults: campaignDefaults(campaign),
    pitchDeck: await uploadName(campaign.pitchDeckUploadId),
    blockers: campaign.status === 'draft' ? publishBlockers(campaign, now()) : [],
  }
}

const intents = ['save', 'publish'] as const

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, campaign } = await ownCampaign(request, params.slug ?? '')
  const formData = await readCampaignForm(request)
  if (!formData)
    return Response.json({ intent: 'save', result: fileTooLarge('pitchDeck') }, { status: 413 })
  const intent = intents.find((i) => i === formData.get('intent')) ?? 'save'
  if (intent === 'publish') {
    try {
      await publishCampaign({
        campaignId: campaign.id,
        actorUserId: auth.user.id,
        ip: clientIp(context),
      })
    } catch (error) {
      const { status, result } = replyWithError(
        { reply: (o) => ({ status: 'error', error: { '': o?.formErrors ?? [] } }) },
        error,
      )
      return Response.json({ intent, result }, { status })
    }
    return redirect(`/campaigns/${campaign.slug}/manage?done=published`)
  }
  const submission = parseWithZod(formData, { schema: CampaignFormSchema })
  if (submission.status !== 'success') return { intent, result: submission.reply() }
  let saved
  try {
    saved = await updateCampaign({
      campaignId: campaign.id,
      actorUserId: auth.user.id,
      values: submission.value,
      pitchDeck: fileOf(formData, 'pitchDeck'),
      removePitchDeck: formData.get('removePitchDeck') === '1',
      ip: clientIp(context),
    })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, result }, { status })
  }
  const done = campaign.status === 'draft' ? 'saved' : saved.material ? 'amended' : 'saved'
  return redirect(`/campaigns/${campaign.slug}/edit?done=${done}`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.campaign.title ?? ''} · 众创 Zhongchuang` },
]

export default function EditCampaignPage() {
  const { t } = useTranslation('campaigns')
  const { campaign, org, defaults, blockers, pitchDeck } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const done = searchParams.get('done')
  const [form] = useForm<CampaignFormShape>({
    lastResult: actionData?.intent === 'save' ? actionData.result : undefined,
    defaultValue: defaults,
    validation: checks(
      () => import('~/domains/deals/campaign-form.schema.ts'),
      'CampaignFormSchema',
    ),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const publishErrors =
    actionData && actionData.intent === 'publish' ? (actionData.result.error?.[''] ?? []) : []
  const busy = navigation.state === 'submitting'
  const editable = campaign.status === 'draft' || campaign.status === 'live'
  const live = campaign.status === 'live'
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to={`/campaigns/${campaign.slug}/manage`}>← {t('manage.title')}</Link>
      </p>
      <PageTitle sub={t('edit.sub', { org: org.name })}>{campaign.title}</PageTitle>
      {done && ['created', 'saved', 'amended'].includes(done) ? (
        <Notice tone="success">{t(`edit.done.${done}`, { version: campaign.version })}</Notice>
      ) : null}
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-4">
          <p className="text-sm">
            {t('edit.status')}{' '}
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
              {t(`status.${campaign.status}`)}
            </span>
            {campaign.status !== 'draft' ? (
              <span className="ml-2 text-slate-600">
                {t('edit.version', { version: campaign.version })}
              </span>
            ) : null}
          </p>
          <Form method="post" className="flex flex-wrap items-center gap-3">
            {campaign.status === 'draft' ? (
              <Button
                type="submit"
                name="intent"
                value="publish"
                disabled={busy || blockers.length > 0}
              >
                {t('edit.publish')}
              </Button>
            ) : (
              <Link to={`/campaigns/${campaign.slug}`} className="text-sm">
                {t('edit.view')}
              </Link>
            )}
          </Form>
        </div>
        {campaign.status === 'draft' ? (
          <p className="mt-3 text-sm text-slate-600">
            {t('edit.publishNote', { days: CAMPAIGN_MAX_DAYS })}
          </p>
        ) : null}
        {blockers.length > 0 ? (
          <div className="mt-3">
            <Notice tone="warning">
              <p className="font-medium">{t('edit.blockersTitle')}</p>
              <ul className="mt-1 list-disc pl-5">
                {blockers.map((b) => (
                  <li key={b}>
                    {translateError(t, `${b}|${JSON.stringify({ days: CAMPAIGN_MAX_DAYS })}`)}
                  </li>
                ))}
              </ul>
            </Notice>
          </div>
        ) : null}
        {publishErrors.length > 0 ? (
          <div className="mt-3">
            <FormErrors errors={publishErrors} />
          </div>
        ) : null}
      </Card>
      {editable ? (
        <Card>
          {live ? (
            <div className="mb-4">
              <Notice tone="info">{t('edit.liveNotice')}</Notice>
            </div>
          ) : null}
          <Form
            method="post"
            encType="multipart/form-data"
            {...getFormProps(form)}
            className="space-y-6"
          >
            <FormErrors errors={form.errors} />
            <CampaignFields form={form} lng={lng} live={live} pitchDeck={pitchDeck} />
            <div className="flex flex-wrap items-center gap-4 border-t border-slate-200 pt-5">
              <Button type="submit" name="intent" value="save" disabled={busy}>
                {live ? t('edit.saveLive') : t('edit.save')}
              </Button>
            </div>
          </Form>
        </Card>
      ) : (
        <Notice tone="info">{t('edit.notEditable')}</Notice>
      )}
    </div>
  )
}
