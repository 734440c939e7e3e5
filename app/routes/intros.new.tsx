// /intros/new?investor=<id> or ?startup=<slug>: ask for an intro with a message. To an investor
// the person asks for the startup they act for; to a startup, for the investor they act for.
// When they may not ask now (the side, an open request, a decline's block, the weekly limit)
// the page says why instead of the form.
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
import {
  Button,
  Card,
  FormErrors,
  Notice,
  PageTitle,
  TextareaField,
  translateError,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { INTRO_DECLINE_BLOCK_DAYS, INTROS_PER_WEEK } from '~/domains/deals/deals.schema.ts'
import { RequestIntroSchema } from '~/domains/deals/intros.schema.ts'
import { INTRO_MESSAGE_MAX } from '~/domains/deals/deals.schema.ts'
import { introDraft, requestIntro, type IntroTarget } from '~/domains/deals/intros.server.ts'
import { replyWithError, requestLanguage, textParam } from '~/domains/web/request.server.ts'

function targetOf(request: Request): IntroTarget {
  const url = new URL(request.url)
  const investor = textParam(url, 'investor')
  const startup = textParam(url, 'startup')
  if (investor) return { kind: 'investor', investorId: investor }
  if (startup) return { kind: 'startup', slug: startup }
  throw notFound()
}

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const lng = await requestLanguage(request)
  const draft = await introDraft(auth, targetOf(request), lng)
  return { draft }
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const target = targetOf(request)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: RequestIntroSchema })
  if (submission.status !== 'success') return { result: submission.reply() }
  try {
    const intro = await requestIntro({
      auth,
      target,
      message: submission.value.message,
      lng: await requestLanguage(request),
    })
    return redirect(`/intros/${intro.id}?done=requested`)
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ result }, { status })
  }
}

export const meta: MetaFunction = () => [{ title: '请求引荐 · 众创 Zhongchuang' }]

export default function NewIntroPage() {
  const { t } = useTranslation('intros')
  const { draft } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'request-intro',
    lastResult: actionData?.result,
    validation: checks(() => import('~/domains/deals/intros.schema.ts'), 'RequestIntroSchema'),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const lead =
    draft.side === 'startup'
      ? t('new.toInvestor', { from: draft.from.name, to: draft.to.name })
      : t('new.toStartup', { from: draft.from.name, to: draft.to.name })
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageTitle sub={draft.from.name ? lead : undefined}>{t('new.title')}</PageTitle>
      {draft.refusal ? (
        <>
          <Notice tone="warning">
            {translateError(
              t,
              draft.refusal.values
                ? `intros:refusals.${draft.refusal.key}|${JSON.stringify(draft.refusal.values)}`
                : `intros:refusals.${draft.refusal.key}`,
            )}
          </Notice>
          <Link to={draft.to.href}>
            ← {t('new.back')} · {draft.to.name}
          </Link>
        </>
      ) : (
        <Card>
          <p className="text-sm text-slate-700">{t('new.howItWorks')}</p>
          <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
            <FormErrors errors={form.errors} />
            <TextareaField
              label={t('new.message')}
              field={fields.message}
              hint={t('new.messageHint', { max: INTRO_MESSAGE_MAX })}
            />
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" disabled={navigation.state !== 'idle'}>
                {t('new.submit')}
              </Button>
              <Link to={draft.to.href}>{t('new.back')}</Link>
            </div>
          </Form>
          <p className="mt-4 text-xs text-slate-500">
            {t('new.limits', { limit: INTROS_PER_WEEK, days: INTRO_DECLINE_BLOCK_DAYS })}
          </p>
        </Card>
      )}
    </div>
  )
}
