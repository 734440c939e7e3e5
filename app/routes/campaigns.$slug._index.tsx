// A campaign's page. Those who may not see it get 404 (in the investors-only setting, everyone
// but qualified investors and the startup); others see the teaser; a qualified investor accepts
// the NDA to see the terms, the data room, the Q&A, the updates and the versions, and commits.
import { getFormProps, getTextareaProps } from '@conform-to/react'
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
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  ppmPercent,
  ProgressBar,
  StatusBadge,
  VersionHistory,
} from '~/components/campaigns/campaign-parts.tsx'
import { Button, Card, ErrorList, FormErrors, Notice } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { getAuth, notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { campaignAccess } from '~/domains/deals/campaign-access.server.ts'
import { QuestionSchema } from '~/domains/deals/campaign-form.schema.ts'
import { askQuestion } from '~/domains/deals/campaign-questions.server.ts'
import { acceptNda, campaignBySlug, campaignPage } from '~/domains/deals/campaign-view.server.ts'
import { db } from '../../db/client.server.ts'
import { segmentName } from '~/domains/spaces/segments.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage, type Language } from '~/i18n/config.ts'
import { formatDateTime, formatMoney, formatNumber } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'
import { HoldBanner } from '~/components/hold-banner.tsx'
import { orgMemberBadgesBySlug } from '~/domains/spaces/member-badges.server.ts'
import { MemberBadges } from '~/components/member-badge.tsx'
import { TypeMentions } from '~/components/type-mentions.tsx'
import { campaignTypes } from '../../search/kinds/campaign.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const page = await campaignPage({ slug: params.slug ?? '', auth, ip: clientIp(context) })
  return {
    ...page,
    orgBadges: await orgMemberBadgesBySlug(page.teaser.org.slug),
    // From the teaser only, as search reads them: the details are behind the NDA.
    types: campaignTypes(page.teaser).map((t) => ({ id: t.id, zh: t.zh, en: t.en })),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const slug = params.slug ?? ''
  // Whoever may not see it learns nothing, whatever they post (docs/decisions/0021).
  const campaign = await campaignBySlug(db(), slug)
  if (!campaign || !(await campaignAccess(db(), campaign, auth)).seesTeaser) throw notFound()
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'accept-nda') {
    try {
      await acceptNda({ slug, auth, ip: clientIp(context) })
    } catch (error) {
      const { status, result } = replyWithError(
        { reply: (o) => ({ status: 'error', error: { '': o?.formErrors ?? [] } }) },
        error,
      )
      return Response.json({ intent, result }, { status })
    }
    return redirect(`/campaigns/${slug}`)
  }
  const submission = parseWithZod(formData, { schema: QuestionSchema })
  if (submission.status !== 'success') return { intent: 'ask', result: submission.reply() }
  try {
    await askQuestion({ slug, auth, question: submission.value.question })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent: 'ask', result }, { status })
  }
  return redirect(`/campaigns/${slug}?asked=1#qa`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.teaser.title ?? ''} · 股权融资 · 众创 Zhongchuang` },
]

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="mt-0.5 font-medium text-slate-900 tabular-nums">{value}</dd>
    </div>
  )
}

function AskForm() {
  const { t } = useTranslation('campaigns')
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult: actionData?.intent === 'ask' ? actionData.result : undefined,
    validation: checks(() => import('~/domains/deals/campaign-form.schema.ts'), 'QuestionSchema'),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const props = getTextareaProps(fields.question)
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 space-y-2">
      <FormErrors errors={form.errors} />
      <label htmlFor={fields.question.id} className="block text-sm font-medium">
        {t('qa.ask')}
      </label>
      <textarea
        {...props}
        key={props.key}
        rows={3}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600"
      />
      <ErrorList id={fields.question.errorId} errors={fields.question.errors} />
      <Button type="submit" name="intent" value="ask" disabled={navigation.state === 'submitting'}>
        {t('qa.submit')}
      </Button>
    </Form>
  )
}

function Teaser({ lng }: { lng: Language }) {
  const { t } = useTranslation('campaigns')
  const { teaser, hold, orgBadges, types } = useLoaderData<typeof loader>()
  return (
    <Card>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <StatusBadge status={teaser.status} />
        {teaser.stage ? (
          <span className="rounded-full bg-indigo-50 px-2 py-0.5 font-medium text-indigo-900 ring-1 ring-inset ring-indigo-200">
            {t(`stage.${teaser.stage}`)}
          </span>
        ) : null}
        {teaser.segments.map((s) => (
          <span key={s} className="text-slate-600">
            {segmentName(s, lng)}
          </span>
        ))}
      </div>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">{teaser.title}</h1>
      <div className="mt-3">
        <HoldBanner hold={hold} kind="campaign" />
      </div>
      <p className="mt-1 text-slate-700">{teaser.oneLiner}</p>
      <TypeMentions types={types} className="mt-2" />
      <p className="mt-2 text-sm text-slate-600">
        <Link to={`/startups/${teaser.org.slug}`}>{teaser.org.name}</Link>
        {teaser.org.city ? ` · ${teaser.org.city}` : ''}
      </p>
      <MemberBadges badges={orgBadges} className="mt-2" />
      <div className="mt-4 space-y-2">
        <ProgressBar percent={teaser.percent} label={t('teaser.progress')} />
        <p className="flex flex-wrap justify-between gap-2 text-sm">
          <span className="font-medium text-slate-900">
            {t('teaser.percent', { percent: formatNumber(teaser.percent, lng) })}
          </span>
          <span className="text-slate-600">
            {teaser.status === 'live'
              ? t('teaser.daysLeft', { count: teaser.daysLeft })
              : t(`status.${teaser.status}`)}
            {' · '}
            {t('teaser.deadline', { at: formatDateTime(teaser.deadline, lng) })}
          </span>
        </p>
      </div>
      {teaser.pitchDeckUploadId ? (
        <p className="mt-4 text-sm">
          <a href={`/uploads/${teaser.pitchDeckUploadId}`} className="font-medium">
            {t('teaser.pitchDeck')}
          </a>
        </p>
      ) : null}
    </Card>
  )
}

export default function CampaignPage() {
  const { t } = useTranslation('campaigns')
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const location = useLocation()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const { teaser, access, ndaStep, full } = data
  const money = (fen: number) => formatMoney(fen, lng)
  const ndaErrors = actionData?.intent === 'accept-nda' ? (actionData.result.error?.[''] ?? []) : []
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p className="text-sm">
        <Link to="/campaigns">← {t('market.title')}</Link>
      </p>
      <Teaser lng={lng} />
      {access.manages ? (
        <Notice tone="info">
          <Link to={`/campaigns/${teaser.slug}/manage`}>{t('page.manageLink')}</Link>
        </Notice>
      ) : null}
      {ndaStep ? (
        <Card>
          <h2 className="text-lg font-semibold">{t('nda.title')}</h2>
          <p className="mt-1 text-sm text-slate-600">{t('nda.intro')}</p>
          <div className="mt-3 max-h-64 overflow-y-auto rounded-md border border-slate-200 bg-slate-50 p-4 text-sm whitespace-pre-line text-slate-800">
            {ndaStep.body}
          </div>
          <FormErrors errors={ndaErrors} />
          <Form method="post" className="mt-4">
            <Button
              type="submit"
              name="intent"
              value="accept-nda"
              disabled={navigation.state === 'submitting'}
            >
              {t('nda.accept')}
            </Button>
          </Form>
        </Card>
      ) : null}
      {!full && !ndaStep ? (
        <Notice tone="info">
          <p className="font-medium">{t('teaser.lockedTitle')}</p>
          <p className="mt-1">{t('teaser.lockedBody')}</p>
        </Notice>
      ) : null}
      {full ? (
        <>
          <Card>
            <div className="flex flex-wrap items-start justify-between gap-4">
              <div>
                <h2 className="text-lg font-semibold">{t('page.terms')}</h2>
                <p className="text-sm text-slate-600">
                  {t('edit.version', { version: full.version })}
                </p>
              </div>
              {access.verifiedInvestor && !access.member ? (
                full.mine ? (
                  <Link
                    to={`/commitments/${full.mine.id}`}
                    className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:no-underline"
                  >
                    {t('page.myCommitment', { amount: money(full.mine.amountFen) })}
                  </Link>
                ) : teaser.status === 'live' ? (
                  <Link
                    to={`/campaigns/${teaser.slug}/commit`}
                    className="rounded-md bg-brand-600 px-5 py-2 text-sm font-medium text-white hover:bg-brand-700 hover:no-underline"
                  >
                    {t('page.commit')}
                  </Link>
                ) : null
              ) : null}
            </div>
            <dl className="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-3">
              <Fact label={t('terms.committed')} value={money(full.committedFen)} />
              <Fact label={t('terms.investors')} value={formatNumber(full.investors, lng)} />
              <Fact label={t('terms.targetFen')} value={money(full.targetFen)} />
              <Fact label={t('terms.maxFen')} value={money(full.maxFen)} />
              <Fact label={t('terms.minTicketFen')} value={money(full.minTicketFen)} />
              <Fact label={t('terms.minimumAcceptFen')} value={money(full.minimumAcceptFen)} />
              <Fact label={t('terms.preMoneyFen')} value={money(full.preMoneyFen)} />
              <Fact
                label={t('terms.equity')}
                value={`${ppmPercent(full.equityTargetPpm)} – ${ppmPercent(full.equityMaxPpm)}`}
              />
              <Fact label={t('terms.securityType')} value={t(`security.${full.securityType}`)} />
              <Fact label={t('terms.companyForm')} value={t(`companyForm.${full.companyForm}`)} />
              <Fact label={t('terms.vehicle')} value={t(`vehicle.${full.vehicle}`)} />
              <Fact
                label={t('terms.existingHolders')}
                value={formatNumber(full.existingHolders, lng)}
              />
            </dl>
          </Card>
          <Card>
            <h2 className="text-lg font-semibold">{t('terms.useOfFunds')}</h2>
            <p className="mt-2 text-sm whitespace-pre-line text-slate-800">{full.useOfFunds}</p>
            <h2 className="mt-5 text-lg font-semibold">{t('terms.riskDisclosure')}</h2>
            <div className="mt-2 rounded-md border border-amber-200 bg-amber-50 p-4 text-sm whitespace-pre-line text-amber-950">
              {full.riskDisclosure}
            </div>
            {full.details ? (
              <>
                <h2 className="mt-5 text-lg font-semibold">{t('fields.details')}</h2>
                <p className="mt-2 text-sm whitespace-pre-line text-slate-800">{full.details}</p>
              </>
            ) : null}
          </Card>
          <Card>
            <h2 className="text-lg font-semibold">{t('dataRoom.title')}</h2>
            <p className="mt-1 text-xs text-slate-500">{t('dataRoom.logged')}</p>
            {full.documents.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('dataRoom.empty')}</p>
            ) : (
              <ul className="mt-3 divide-y divide-slate-100 text-sm">
                {full.documents.map((d) => (
                  <li key={d.id} className="flex flex-wrap justify-between gap-2 py-2">
                    <a href={`/campaigns/${teaser.slug}/documents/${d.id}`}>{d.title}</a>
                    <span className="text-slate-500">{formatDateTime(d.createdAt, lng)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card>
            <h2 id="qa" className="text-lg font-semibold">
              {t('qa.title')}
            </h2>
            {full.questions.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('qa.none')}</p>
            ) : (
              <ul className="mt-3 space-y-3 text-sm">
                {full.questions.map((q) => (
                  <li key={q.id} className="rounded-md border border-slate-200 p-3">
                    <p className="font-medium text-slate-900">{q.question}</p>
                    {q.answer ? (
                      <p className="mt-1 whitespace-pre-line text-slate-700">{q.answer}</p>
                    ) : (
                      <p className="mt-1 text-slate-500">{t('qa.waiting')}</p>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {access.verifiedInvestor && !access.member && teaser.status === 'live' ? (
              <AskForm key={location.key} />
            ) : null}
          </Card>
          <Card>
            <h2 id="updates" className="text-lg font-semibold">
              {t('updates.title')}
            </h2>
            {full.updates.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('updates.none')}</p>
            ) : (
              <ul className="mt-3 space-y-4 text-sm">
                {full.updates.map((u) => (
                  <li key={u.id}>
                    <p className="font-medium text-slate-900">
                      {u.title}
                      <span className="ml-2 font-normal text-slate-500">
                        {formatDateTime(u.createdAt, lng)}
                      </span>
                    </p>
                    <p className="mt-1 whitespace-pre-line text-slate-700">{u.body}</p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card>
            <h2 className="text-lg font-semibold">{t('versions.title')}</h2>
            <div className="mt-3">
              <VersionHistory versions={full.versions} lng={lng} />
            </div>
          </Card>
        </>
      ) : null}
    </div>
  )
}
