// Post a challenge for one of your verified organisations (owners and admins). It is saved as a
// draft; publishing happens on the edit page. Whoever may post for no organisation is told why.
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
import { ChallengeFields, type ChallengeFormShape } from '~/components/challenge-form.tsx'
import { Button, Card, FormErrors, Notice, PageTitle, SelectField } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import {
  actingParty,
  forbidden,
  requireMember,
  requireOrgPermission,
} from '~/domains/accounts/auth.server.ts'
import { checkOrgPermission } from '~/domains/accounts/permissions.ts'
import { ChallengeFormSchema } from '~/domains/challenges/challenge-form.schema.ts'
import {
  attachmentTooLarge,
  challengeFilesOf,
  readChallengeForm,
  spaceChoices,
} from '~/domains/challenges/challenge-request.server.ts'
import { latestNda } from '~/domains/challenges/nda.server.ts'
import { createChallenge } from '~/domains/challenges/save-challenge.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { db } from '../../db/client.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const orgs = auth.memberships
    .filter((m) => checkOrgPermission(m, 'post:challenge:own') === null)
    .map((m) => ({ id: m.orgId, name: m.name }))
  const acting = actingParty(auth)
  const preferred =
    acting.kind === 'org' && orgs.some((o) => o.id === acting.orgId) ? acting.orgId : orgs[0]?.id
  const waiting = auth.memberships
    .filter((m) => checkOrgPermission(m, 'post:challenge:own') !== null)
    .map((m) => ({
      name: m.name,
      slug: m.slug,
      reason: checkOrgPermission(m, 'post:challenge:own'),
    }))
  // The organisation's current NDA prefills the form: unchanged, it is reused; edited, a new version.
  const nda = preferred ? await latestNda(db(), preferred) : null
  return {
    orgs,
    preferred: preferred ?? null,
    waiting,
    spaces: await spaceChoices(),
    nda: nda ? { title: nda.title, body: nda.body } : null,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireMember(request)
  const formData = await readChallengeForm(request)
  if (!formData) return Response.json({ result: attachmentTooLarge }, { status: 413 })
  const orgId = formData.get('orgId')
  if (typeof orgId !== 'string' || orgId === '') throw forbidden()
  const { auth } = await requireOrgPermission(request, orgId, 'post:challenge:own')
  const submission = parseWithZod(formData, { schema: ChallengeFormSchema })
  if (submission.status !== 'success') return { result: submission.reply() }
  try {
    const { slug } = await createChallenge({
      orgId,
      actorUserId: auth.user.id,
      values: submission.value,
      files: challengeFilesOf(formData),
      ip: clientIp(context),
    })
    return redirect(`/challenges/${slug}/edit?done=created`)
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ result }, { status })
  }
}

export const meta: MetaFunction = () => [{ title: '发布创新挑战 · 众创 Zhongchuang' }]

export default function NewChallengePage() {
  const { t } = useTranslation('challenges')
  const { orgs, preferred, waiting, spaces, nda } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm<ChallengeFormShape>({
    lastResult: actionData?.result,
    defaultValue: {
      orgId: preferred ?? '',
      awardMode: 'fixed',
      solicitation: 'open',
      confidentiality: 'public',
      eligibility: 'anyone',
      ndaTitle: nda?.title ?? t('form.ndaDefaultTitle'),
      ndaBody: nda?.body ?? '',
    },
    validation: checks(
      () => import('~/domains/challenges/challenge-form.schema.ts'),
      'ChallengeFormSchema',
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
            <Link to="/challenges">{t('new.denied.back')}</Link>
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
          <ChallengeFields form={form} spaces={spaces} />
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
