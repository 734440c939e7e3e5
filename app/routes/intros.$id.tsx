// /intros/:id: one intro, for the people of either side (anyone else is told it does not
// exist). The recipient side accepts (the thread opens, contacts are shown to both) or declines
// with an optional reason; the sending side may withdraw while it waits. Contacts appear on this
// page only once the intro is accepted.
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
import {
  Button,
  Card,
  FormErrors,
  Notice,
  PageTitle,
  TextareaField,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { IntroStatusBadge } from '~/components/deals/intro-status.tsx'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { IntroDecisionSchema } from '~/domains/deals/intros.schema.ts'
import {
  acceptIntro,
  declineIntro,
  introView,
  withdrawIntro,
} from '~/domains/deals/intros.server.ts'
import { replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  return { intro: await introView(params.id ?? '', auth.user.id) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const introId = params.id ?? ''
  // Outsiders learn nothing: the same 404 as the page.
  await introView(introId, auth.user.id)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: IntroDecisionSchema })
  const intent = String(formData.get('intent') ?? '')
  if (submission.status !== 'success') return { intent, result: submission.reply() }
  const value = submission.value
  try {
    if (value.intent === 'accept') await acceptIntro({ introId, userId: auth.user.id })
    else if (value.intent === 'decline')
      await declineIntro({ introId, userId: auth.user.id, reason: value.reason })
    else await withdrawIntro({ introId, userId: auth.user.id })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, result }, { status })
  }
  return redirect(`/intros/${introId}?done=${value.intent}`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.intro.startup.name} × ${data.intro.investor.displayName} · 引荐 · 众创 Zhongchuang`
      : '众创 Zhongchuang',
  },
]

function useDecisionForm(intent: string) {
  const actionData = useActionData<typeof action>()
  return useForm({
    id: `intro-${intent}`,
    lastResult: actionData?.intent === intent ? actionData.result : undefined,
    validation: checks(() => import('~/domains/deals/intros.schema.ts'), 'IntroDecisionSchema'),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
}

function Decide() {
  const { t } = useTranslation('intros')
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const [acceptForm] = useDecisionForm('accept')
  const [declineForm, declineFields] = useDecisionForm('decline')
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card>
        <Form method="post" {...getFormProps(acceptForm)} className="space-y-3">
          <input type="hidden" name="intent" value="accept" />
          <FormErrors errors={acceptForm.errors} />
          <p className="text-sm text-slate-700">{t('new.howItWorks')}</p>
          <Button type="submit" disabled={busy}>
            {t('detail.accept')}
          </Button>
        </Form>
      </Card>
      <Card>
        <Form method="post" {...getFormProps(declineForm)} className="space-y-3">
          <input type="hidden" name="intent" value="decline" />
          <FormErrors errors={declineForm.errors} />
          <TextareaField
            label={t('detail.reason')}
            field={declineFields.reason}
            hint={t('detail.reasonHint')}
          />
          <Button type="submit" variant="secondary" disabled={busy}>
            {t('detail.decline')}
          </Button>
        </Form>
      </Card>
    </div>
  )
}

function Withdraw() {
  const { t } = useTranslation('intros')
  const navigation = useNavigation()
  const [form] = useDecisionForm('withdraw')
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <input type="hidden" name="intent" value="withdraw" />
      <FormErrors errors={form.errors} />
      <Button type="submit" variant="secondary" disabled={navigation.state !== 'idle'}>
        {t('detail.withdraw')}
      </Button>
    </Form>
  )
}

export default function IntroPage() {
  const { t } = useTranslation('intros')
  const { intro } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const [searchParams] = useSearchParams()
  const done = searchParams.get('done')
  const c = intro.contacts
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageTitle
        sub={t('detail.sentBy', {
          name: intro.requestedBy,
          side: t(`sides.${intro.fromSide}`),
          date: formatDateTime(intro.createdAt, lng),
        })}
      >
        <span className="mr-3">
          {t('detail.title', {
            startup: intro.startup.name,
            investor: intro.investor.displayName,
          })}
        </span>
        <IntroStatusBadge status={intro.status} />
      </PageTitle>
      {done && ['requested', 'accept', 'decline', 'withdraw'].includes(done) ? (
        <Notice tone="success">{t(`detail.done.${done}`)}</Notice>
      ) : null}
      <Card>
        <h2 className="text-sm font-medium text-slate-500">{t('detail.message')}</h2>
        <p className="mt-1 whitespace-pre-line text-slate-900">{intro.message}</p>
        <p className="mt-3 flex flex-wrap gap-x-4 text-sm">
          <Link to={`/startups/${intro.startup.slug}`}>{intro.startup.name}</Link>
          <Link to={`/investors/${intro.investor.id}`}>{intro.investor.displayName}</Link>
        </p>
        {intro.decidedAt ? (
          <p className="mt-3 text-sm text-slate-600">
            {t('detail.decidedAt', { date: formatDateTime(intro.decidedAt, lng) })}
          </p>
        ) : null}
        {intro.status === 'declined' && intro.declineReason ? (
          <div className="mt-3">
            <h3 className="text-sm font-medium text-slate-500">{t('detail.declineReason')}</h3>
            <p className="mt-1 whitespace-pre-line text-slate-800">{intro.declineReason}</p>
          </div>
        ) : null}
        {intro.blockedUntil ? (
          <p className="mt-3 text-sm text-slate-600">
            {t('detail.blockedUntil', { date: formatDateTime(intro.blockedUntil, lng) })}
          </p>
        ) : null}
      </Card>
      {intro.canDecide ? <Decide /> : null}
      {intro.canWithdraw ? (
        <Card>
          <p className="mb-3 text-sm text-slate-700">{t('detail.waitingOther')}</p>
          <Withdraw />
        </Card>
      ) : null}
      {c ? (
        <Card>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-lg font-semibold">{t('detail.contacts')}</h2>
            {intro.threadHref ? (
              <Link
                to={intro.threadHref}
                className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 hover:no-underline"
              >
                {t('detail.openThread')}
              </Link>
            ) : null}
          </div>
          <div className="mt-3 grid gap-4 sm:grid-cols-2">
            <dl className="space-y-1 text-sm">
              <dt className="font-medium text-slate-500">{t('detail.investorContact')}</dt>
              <dd className="font-medium text-slate-900">{c.investor.name}</dd>
              {c.investor.email ? (
                <dd>
                  {t('detail.email')}: <a href={`mailto:${c.investor.email}`}>{c.investor.email}</a>
                </dd>
              ) : null}
              {c.investor.phone ? (
                <dd>
                  {t('detail.phone')}: <a href={`tel:${c.investor.phone}`}>{c.investor.phone}</a>
                </dd>
              ) : null}
            </dl>
            <dl className="space-y-1 text-sm">
              <dt className="font-medium text-slate-500">{t('detail.startupContact')}</dt>
              <dd className="font-medium text-slate-900">{c.startup.orgName}</dd>
              <dd>
                {t('detail.person')}: {c.startup.personName}
              </dd>
              {c.startup.personEmail ? (
                <dd>
                  {t('detail.email')}:{' '}
                  <a href={`mailto:${c.startup.personEmail}`}>{c.startup.personEmail}</a>
                </dd>
              ) : null}
            </dl>
          </div>
        </Card>
      ) : intro.status === 'requested' ? (
        <p className="text-sm text-slate-600">{t('detail.hiddenContacts')}</p>
      ) : null}
      <Link to="/intros">← {t('list.title')}</Link>
    </div>
  )
}
