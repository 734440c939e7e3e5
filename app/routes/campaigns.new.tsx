// Start a crowdfunding campaign for a verified startup the person runs (owners and admins),
// prefilled from the startup's profile. It is saved as a draft; publishing happens on the edit
// page. Whoever may raise for no startup is told why.
import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CampaignFields, type CampaignFormShape } from '~/components/campaigns/campaign-form.tsx'
import { Button, Card, FormErrors, Notice, PageTitle, SelectField } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import {
  actingParty,
  forbidden,
  requireMember,
  requireOrgPermission,
} from '~/domains/accounts/auth.server.ts'
import { checkOrgPermission } from '~/domains/accounts/permissions.ts'
import { CampaignFormSchema } from '~/domains/deals/campaign-form.schema.ts'
import {
  fileOf,
  fileTooLarge,
  newCampaignDefaults,
  readCampaignForm,
} from '~/domains/deals/campaign-request.server.ts'
import { createCampaign } from '~/domains/deals/save-campaign.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const orgs = auth.memberships
    .filter((m) => checkOrgPermission(m, 'raise:money:own') === null)
    .map((m) => ({ id: m.orgId, name: m.name }))
  const acting = actingParty(auth)
  const preferred =
    acting.kind === 'org' && orgs.some((o) => o.id === acting.orgId) ? acting.orgId : orgs[0]?.id
  const waiting = auth.memberships
    .filter((m) => m.orgType === 'startup' && checkOrgPermission(m, 'raise:money:own') !== null)
    .map((m) => ({
      name: m.name,
      slug: m.slug,
      reason: checkOrgPermission(m, 'raise:money:own'),
    }))
  return {
    orgs,
    preferred: preferred ?? null,
    waiting,
    defaults: await newCampaignDefaults(preferred ?? null),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireMember(request)
  const formData = await readCampaignForm(request)
  if (!formData) return Response.json({ result: fileTooLarge('pitchDeck') }, { status: 413 })
  const orgId = formData.get('orgId')
  if (typeof orgId !== 'string' || orgId === '') throw forbidden()
  const { auth } = await requireOrgPermission(request, orgId, 'raise:money:own')
  const submission = parseWithZod(formData, { schema: CampaignFormSchema })
  if (submission.status !== 'success') return { result: submission.reply() }
  try {
    const { slug } = await createCampaign({
      orgId,
      actorUserId: auth.user.id,
      values: submission.value,
      pitchDeck: fileOf(formData, 'pitchDeck'),
      ip: clientIp(context),
    })
    return redirect(`/campaigns/${slug}/edit?done=created`)
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ result }, { status })
  }
}

export const meta: MetaFunction = () => [{ title: '发起股权融资 · 众创 Zhongchuang' }]

export default function NewCampaignPage() {
  const { t } = useTranslation('campaigns')
  const { orgs, preferred, waiting, defaults } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const [form, fields] = useForm<CampaignFormShape>({
    lastResult: actionData?.result,
    defaultValue: { orgId: preferred ?? '', ...defaults },
    validation: checks(
      () => import('~/domains/deals/campaign-form.schema.ts'),
      'CampaignFormSchema',
    ),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  if (orgs.length === 0) {
    return (
      <div className="mx-auto max-w-2xl">
        <PageTitle>{t('new.title')}</PageTitle>
        <Card>
          <Notice tone="warning">
            <p className="font-medium">{t('new.denied.title')}</p>
            <p className="mt-1">{t('new.denied.body')}</p>
          </Notice>
          {waiting.length > 0 ? (
            <ul className="mt-4 space-y-1 text-sm">
              {waiting.map((w) => (
                <li key={w.slug}>
                  <Link to={`/orgs/${w.slug}`}>{w.name}</Link>
                  {' · '}
                  {t(`new.denied.reason.${w.reason === 'unverified' ? 'unverified' : 'role'}`)}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="mt-4 flex flex-wrap gap-4 text-sm">
            <Link to="/orgs/new">{t('new.denied.register')}</Link>
            <Link to="/campaigns">{t('new.denied.back')}</Link>
          </div>
        </Card>
      </div>
    )
  }
  return (
    <div className="mx-auto max-w-3xl">
      <PageTitle sub={t('new.sub')}>{t('new.title')}</PageTitle>
      <Card>
        <Form
          method="post"
          encType="multipart/form-data"
          {...getFormProps(form)}
          className="space-y-6"
        >
          <FormErrors errors={form.errors} />
          {orgs.length > 1 ? (
            <SelectField
              label={t('fields.org')}
              field={fields.orgId}
              options={orgs.map((o) => ({ value: o.id, label: o.name }))}
            />
          ) : (
            <>
              <input type="hidden" name="orgId" value={orgs[0]?.id ?? ''} />
              <p className="text-sm text-slate-600">{t('new.for', { org: orgs[0]?.name ?? '' })}</p>
            </>
          )}
          <CampaignFields form={form} lng={lng} />
          <div className="flex flex-wrap items-center gap-4 border-t border-slate-200 pt-5">
            <Button type="submit" disabled={navigation.state === 'submitting'}>
              {t('new.submit')}
            </Button>
            <p className="text-sm text-slate-600">{t('new.draftNote')}</p>
          </div>
        </Form>
      </Card>
    </div>
  )
}
