// Edit a challenge: a draft freely, then publish it; an open challenge by amendment (a new
// version every live bidder hears of). Only the posting organisation's owners and admins reach
// it; anyone outside the organisation gets 404, so drafts are not discoverable by guessing.
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
import { eq } from 'drizzle-orm'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import { isUuid } from '../../db/ids.ts'
import { challenges, ndaTexts } from '../../db/schema/index.ts'
import { ChallengeFields, type ChallengeFormShape } from '~/components/challenge-form.tsx'
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
import { ChallengeFormSchema } from '~/domains/challenges/challenge-form.schema.ts'
import { uploadsNamed } from '~/domains/challenges/challenge-queries.server.ts'
import {
  attachmentTooLarge,
  challengeDefaults,
  challengeFilesOf,
  readChallengeForm,
  spaceChoices,
} from '~/domains/challenges/challenge-request.server.ts'
import { latestNda } from '~/domains/challenges/nda.server.ts'
import { publishBlockers, publishChallenge } from '~/domains/challenges/publish-challenge.server.ts'
import { updateChallenge } from '~/domains/challenges/save-challenge.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { now } from '~/clock.server.ts'

async function ownChallenge(request: Request, key: string) {
  const auth = await requireMember(request)
  const challenge = await db()
    .select()
    .from(challenges)
    .where(isUuid(key) ? eq(challenges.id, key) : eq(challenges.slug, key))
    .then((r) => r[0])
  if (!challenge || !membershipOf(auth, challenge.orgId)) throw notFound()
  const { membership } = await requireOrgPermission(request, challenge.orgId, 'post:challenge:own')
  return { auth, challenge, org: membership }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { challenge, org } = await ownChallenge(request, params.id ?? '')
  const nda = challenge.ndaTextId
    ? await db()
        .select()
        .from(ndaTexts)
        .where(eq(ndaTexts.id, challenge.ndaTextId))
        .then((r) => r[0] ?? null)
    : await latestNda(db(), challenge.orgId)
  return {
    challenge: {
      id: challenge.id,
      slug: challenge.slug,
      title: challenge.title,
      status: challenge.status,
      version: challenge.version,
    },
    org: { name: org.name },
    defaults: challengeDefaults(challenge, nda),
    ndaVersion: challenge.ndaTextId ? (nda?.version ?? null) : null,
    attachments: await uploadsNamed(challenge.attachmentUploadIds),
    confidentialAttachments: await uploadsNamed(challenge.confidentialUploadIds),
    blockers: challenge.status === 'draft' ? publishBlockers(challenge, now()) : [],
    spaces: await spaceChoices(),
  }
}

const intents = ['save', 'publish'] as const

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, challenge } = await ownChallenge(request, params.id ?? '')
  const formData = await readChallengeForm(request)
  if (!formData)
    return Response.json({ intent: 'save', result: attachmentTooLarge }, { status: 413 })
  const intent = intents.find((i) => i === formData.get('intent')) ?? 'save'
  if (intent === 'publish') {
    try {
      await publishChallenge({
        challengeId: challenge.id,
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
    return redirect(`/challenges/${challenge.slug}/edit?done=published`)
  }
  const submission = parseWithZod(formData, { schema: ChallengeFormSchema })
  if (submission.status !== 'success') return { intent, result: submission.reply() }
  try {
    await updateChallenge({
      challengeId: challenge.id,
      actorUserId: auth.user.id,
      values: submission.value,
      files: challengeFilesOf(formData),
      ip: clientIp(context),
    })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, result }, { status })
  }
  return redirect(
    `/challenges/${challenge.slug}/edit?done=${challenge.status === 'draft' ? 'saved' : 'amended'}`,
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.challenge.title ?? ''} · 众创 Zhongchuang` },
]

export default function EditChallengePage() {
  const { t } = useTranslation('challenges')
  const data = useLoaderData<typeof loader>()
  const { challenge, org, defaults, blockers } = data
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const done = searchParams.get('done')
  const [form] = useForm<ChallengeFormShape>({
    lastResult: actionData?.intent === 'save' ? actionData.result : undefined,
    defaultValue: defaults,
    validation: checks(
      () => import('~/domains/challenges/challenge-form.schema.ts'),
      'ChallengeFormSchema',
    ),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const publishErrors =
    actionData && actionData.intent === 'publish' ? (actionData.result.error?.[''] ?? []) : []
  const busy = navigation.state === 'submitting'
  const editable = challenge.status === 'draft' || challenge.status === 'open'
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/challenges/mine">← {t('mine.title')}</Link>
      </p>
      <PageTitle sub={t('edit.sub', { org: org.name })}>{challenge.title}</PageTitle>
      {done && ['created', 'saved', 'published', 'amended'].includes(done) ? (
        <Notice tone="success">{t(`edit.done.${done}`, { version: challenge.version })}</Notice>
      ) : null}
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-4">
          <p className="text-sm">
            {t('edit.status')}{' '}
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
              {t(`status.${challenge.status}`)}
            </span>
            {challenge.status !== 'draft' ? (
              <span className="ml-2 text-slate-600">
                {t('edit.version', { version: challenge.version })}
              </span>
            ) : null}
            {data.ndaVersion !== null ? (
              <span className="ml-2 text-slate-600">
                {t('edit.ndaVersion', { version: data.ndaVersion })}
              </span>
            ) : null}
          </p>
          <Form method="post" className="flex flex-wrap items-center gap-3">
            {challenge.status === 'draft' ? (
              <Button type="submit" name="intent" value="publish" disabled={busy}>
                {t('edit.publish')}
              </Button>
            ) : (
              <Link to={`/challenges/${challenge.slug}`} className="text-sm">
                {t('edit.view')}
              </Link>
            )}
          </Form>
        </div>
        {blockers.length > 0 ? (
          <div className="mt-3">
            <Notice tone="warning">
              <p className="font-medium">{t('edit.blockersTitle')}</p>
              <ul className="mt-1 list-disc pl-5">
                {blockers.map((b) => (
                  <li key={b}>{translateError(t, b)}</li>
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
          {challenge.status === 'open' ? (
            <div className="mb-4">
              <Notice tone="info">{t('edit.amendNotice')}</Notice>
            </div>
          ) : null}
          <Form
            method="post"
            encType="multipart/form-data"
            {...getFormProps(form)}
            className="space-y-6"
          >
            <FormErrors errors={form.errors} />
            <ChallengeFields
              form={form}
              spaces={data.spaces}
              attachments={data.attachments}
              confidentialAttachments={data.confidentialAttachments}
              amending={challenge.status === 'open'}
            />
            <div className="border-t border-slate-200 pt-5">
              <Button type="submit" name="intent" value="save" disabled={busy}>
                {challenge.status === 'open' ? t('edit.amend') : t('edit.save')}
              </Button>
            </div>
          </Form>
        </Card>
      ) : (
        <Notice tone="info">{t('edit.locked')}</Notice>
      )}
    </div>
  )
}
