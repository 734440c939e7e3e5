// A space's mentors (创业导师): everyone sees the listed ones with what they advise on and when.
// Active members of the space ask a mentor for a session here; the space's admins list a
// platform user as a mentor by e-mail, edit them, and retire or relist them.
import { getFormProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
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
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SegmentPicker } from '~/components/segment-picker.tsx'
import {
  Button,
  Card,
  ErrorList,
  Field,
  FormErrors,
  Notice,
  PageTitle,
  TextareaField,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import {
  getAuth,
  notFound,
  requireMember,
  requireOrgPermission,
} from '~/domains/accounts/auth.server.ts'
import {
  AddMentorSchema,
  EditMentorSchema,
  MentorStatusSchema,
  RequestSessionSchema,
} from '~/domains/hubs/mentors.schema.ts'
import {
  addMentor,
  editMentor,
  requestSession,
  setMentorStatus,
  spaceMentorsPage,
} from '~/domains/hubs/mentors.server.ts'
import { segmentName } from '~/domains/spaces/segments.ts'
import { getSpace } from '~/domains/spaces/spaces.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { useRootData } from '~/root.tsx'

async function findSpace(slug: string | undefined) {
  const found = await getSpace(slug ?? '')
  if (!found) throw notFound()
  return found
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { space, operator } = await findSpace(params.slug)
  const auth = await getAuth(request)
  const page = await spaceMentorsPage(space.id, operator.id, auth)
  return {
    space: { slug: space.slug, name: space.name, nameEn: space.nameEn },
    signedIn: !!auth,
    ...page,
  }
}

const notices = ['added', 'edited', 'retired', 'relisted'] as const

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { space, operator } = await findSpace(params.slug)
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const mentorId = String(formData.get('mentorId') ?? '') || null
  const ip = clientIp(context)
  const back = `/spaces/${space.slug}/mentors`

  if (intent === 'request') {
    const auth = await requireMember(request)
    const submission = parseWithZod(formData, { schema: RequestSessionSchema })
    if (submission.status !== 'success') return { intent, mentorId, result: submission.reply() }
    try {
      const session = await requestSession({ spaceId: space.id, auth, ...submission.value })
      return redirect(`/mentoring/${session.id}?notice=requested`)
    } catch (error) {
      const { status, result } = replyWithError(submission, error)
      return Response.json({ intent, mentorId, result }, { status })
    }
  }

  const { auth } = await requireOrgPermission(request, operator.id, 'manage:space:own')
  const who = { spaceId: space.id, operatorOrgId: operator.id, actorUserId: auth.user.id, ip }
  if (intent === 'add') {
    const submission = parseWithZod(formData, { schema: AddMentorSchema })
    if (submission.status !== 'success') return { intent, mentorId, result: submission.reply() }
    const { email, intent: _intent, ...fields } = submission.value
    try {
      await addMentor({ ...who, email, fields })
      return redirect(`${back}?notice=added`)
    } catch (error) {
      const { status, result } = replyWithError(submission, error)
      return Response.json({ intent, mentorId, result }, { status })
    }
  }
  if (intent === 'edit') {
    const submission = parseWithZod(formData, { schema: EditMentorSchema })
    if (submission.status !== 'success') return { intent, mentorId, result: submission.reply() }
    const { mentorId: id, intent: _intent, ...fields } = submission.value
    try {
      await editMentor({ ...who, mentorId: id, fields })
      return redirect(`${back}?notice=edited`)
    } catch (error) {
      const { status, result } = replyWithError(submission, error)
      return Response.json({ intent, mentorId, result }, { status })
    }
  }
  if (intent === 'retire' || intent === 'relist') {
    const submission = parseWithZod(formData, { schema: MentorStatusSchema })
    if (submission.status !== 'success') throw new Response('', { status: 400 })
    await setMentorStatus({
      ...who,
      mentorId: submission.value.mentorId,
      status: intent === 'retire' ? 'retired' : 'listed',
    })
    return redirect(`${back}?notice=${intent === 'retire' ? 'retired' : 'relisted'}`)
  }
  throw new Response('', { status: 400 })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `创业导师 · ${data.space.name} · 众创 Zhongchuang`
      : '创业导师 · 众创 Zhongchuang',
  },
]

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type Mentor = Data['mentors'][number]
type Result = SubmissionResult<string[]> | undefined

export default function SpaceMentorsPage() {
  const { t } = useTranslation('mentors')
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const location = useLocation()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const notice = searchParams.get('notice')
  const title = lng === 'en' && data.space.nameEn ? data.space.nameEn : data.space.name
  const resultFor = (intent: string, mentorId: string | null): Result =>
    actionData && actionData.intent === intent && actionData.mentorId === mentorId
      ? actionData.result
      : undefined
  const listed = data.mentors.filter((m) => m.status === 'listed')
  const retired = data.mentors.filter((m) => m.status === 'retired')
  return (
    <div key={location.key} className="space-y-6">
      <nav className="text-sm">
        <Link to={`/spaces/${data.space.slug}`}>{t('page.back')}</Link>
      </nav>
      <PageTitle sub={title}>{t('page.title')}</PageTitle>
      {notice && (notices as readonly string[]).includes(notice) ? (
        <Notice tone="success">{t(`notice.${notice}`)}</Notice>
      ) : null}
      <p className="text-sm text-slate-600">{t('page.intro')}</p>
      {data.refusal ? (
        <Notice tone="info">
          {data.refusal === 'signIn' ? (
            <>
              {t('ask.signIn')}{' '}
              <Link
                to={`/login?redirectTo=${encodeURIComponent(`/spaces/${data.space.slug}/mentors`)}`}
                className="underline"
              >
                {t('ask.signInLink')}
              </Link>
            </>
          ) : data.refusal === 'actForMember' ? (
            t('ask.actForMember', { org: data.memberOrgName ?? '' })
          ) : (
            <>
              {t('ask.notMember')}{' '}
              <Link to={`/spaces/${data.space.slug}/members`} className="underline">
                {t('ask.membersLink')}
              </Link>
            </>
          )}
        </Notice>
      ) : null}

      {listed.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t('page.empty')}</p>
        </Card>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2">
          {listed.map((m) => (
            <MentorCard
              key={m.id}
              mentor={m}
              canAsk={data.refusal === null && !m.isMe}
              admin={data.admin}
              requestResult={resultFor('request', m.id)}
              editResult={resultFor('edit', m.id)}
            />
          ))}
        </ul>
      )}

      {data.admin ? (
        <>
          {retired.length > 0 ? (
            <Card>
              <h2 className="text-lg font-semibold text-slate-900">
                {t('admin.retired')}{' '}
                <span className="text-sm font-normal text-slate-500">({retired.length})</span>
              </h2>
              <ul className="mt-3 grid gap-4 lg:grid-cols-2">
                {retired.map((m) => (
                  <MentorCard
                    key={m.id}
                    mentor={m}
                    canAsk={false}
                    admin
                    requestResult={undefined}
                    editResult={resultFor('edit', m.id)}
                  />
                ))}
              </ul>
            </Card>
          ) : null}
          <Card>
            <h2 className="text-lg font-semibold text-slate-900">{t('admin.addTitle')}</h2>
            <p className="mt-1 text-sm text-slate-600">{t('admin.addHelp')}</p>
            <MentorForm mode="add" lastResult={resultFor('add', null)} />
          </Card>
        </>
      ) : null}
    </div>
  )
}

function MentorCard({
  mentor: m,
  canAsk,
  admin,
  requestResult,
  editResult,
}: {
  mentor: Mentor
  canAsk: boolean
  admin: boolean
  requestResult: Result
  editResult: Result
}) {
  const { t } = useTranslation('mentors')
  const lng = useRootData()?.locale ?? fallbackLanguage
  const navigation = useNavigation()
  return (
    <li className="min-w-0 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-baseline gap-x-2">
        <h2 className="text-lg font-semibold text-slate-900">{m.name}</h2>
        {m.title ? <span className="text-sm text-slate-700">{m.title}</span> : null}
        {m.status === 'retired' ? (
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">
            {t('admin.retiredTag')}
          </span>
        ) : null}
      </div>
      {m.affiliation ? <p className="text-sm text-slate-600">{m.affiliation}</p> : null}
      {m.email ? <p className="text-xs text-slate-500">{m.email}</p> : null}
      {m.bio ? <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{m.bio}</p> : null}
      <dl className="mt-3 space-y-2 text-sm">
        {m.segments.length > 0 ? (
          <div>
            <dt className="text-xs font-medium text-slate-500">{t('fields.segments')}</dt>
            <dd className="mt-1 flex flex-wrap gap-1.5">
              {m.segments.map((s) => (
                <span
                  key={s}
                  className="rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-800"
                >
                  {segmentName(s, lng)}
                </span>
              ))}
            </dd>
          </div>
        ) : null}
        {m.topics.length > 0 ? (
          <div>
            <dt className="text-xs font-medium text-slate-500">{t('fields.topics')}</dt>
            <dd className="mt-1 flex flex-wrap gap-1.5">
              {m.topics.map((topic) => (
                <span
                  key={topic}
                  className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700"
                >
                  {topic}
                </span>
              ))}
            </dd>
          </div>
        ) : null}
        {m.availability ? (
          <div>
            <dt className="text-xs font-medium text-slate-500">{t('fields.availability')}</dt>
            <dd className="mt-1 text-slate-700">{m.availability}</dd>
          </div>
        ) : null}
      </dl>
      {m.isMe && m.status === 'listed' ? (
        <p className="mt-3 text-xs text-slate-500">{t('ask.self')}</p>
      ) : null}
      {canAsk ? (
        <details className="mt-4" open={!!requestResult}>
          <summary className="cursor-pointer text-sm font-medium text-brand-700">
            {t('ask.open')}
          </summary>
          <RequestForm mentorId={m.id} lastResult={requestResult} />
        </details>
      ) : null}
      {admin ? (
        <div className="mt-4 space-y-3 border-t border-slate-100 pt-3">
          <details open={!!editResult}>
            <summary className="cursor-pointer text-sm font-medium text-slate-700">
              {t('admin.edit')}
            </summary>
            <MentorForm mode="edit" mentor={m} lastResult={editResult} />
          </details>
          <Form method="post">
            <input type="hidden" name="mentorId" value={m.id} />
            <Button
              type="submit"
              name="intent"
              value={m.status === 'listed' ? 'retire' : 'relist'}
              variant="secondary"
              className="w-full sm:w-auto"
              disabled={navigation.state === 'submitting'}
            >
              {t(m.status === 'listed' ? 'admin.retire' : 'admin.relist')}
            </Button>
          </Form>
        </div>
      ) : null}
    </li>
  )
}

function RequestForm({ mentorId, lastResult }: { mentorId: string; lastResult: Result }) {
  const { t } = useTranslation('mentors')
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: `request-${mentorId}`,
    lastResult,
    validation: checks(() => import('~/domains/hubs/mentors.schema.ts'), 'RequestSessionSchema'),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
      <input type="hidden" name="intent" value="request" />
      <input type="hidden" name="mentorId" value={mentorId} />
      <FormErrors errors={form.errors} />
      <Field label={t('fields.topic')} field={fields.topic} hint={t('hints.topic')} />
      <TextareaField label={t('fields.message')} field={fields.message} hint={t('hints.message')} />
      <Field
        label={t('fields.preferredTimes')}
        field={fields.preferredTimes}
        hint={t('hints.preferredTimes')}
      />
      <Button
        type="submit"
        className="w-full sm:w-auto"
        disabled={navigation.state === 'submitting'}
      >
        {t('ask.submit')}
      </Button>
    </Form>
  )
}

function MentorForm({
  mode,
  mentor,
  lastResult,
}: {
  mode: 'add' | 'edit'
  mentor?: Mentor
  lastResult: Result
}) {
  const { t } = useTranslation('mentors')
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: mode === 'add' ? 'add-mentor' : `edit-${mentor?.id ?? ''}`,
    lastResult,
    defaultValue: mentor
      ? {
          title: mentor.title,
          affiliation: mentor.affiliation,
          bio: mentor.bio,
          segments: mentor.segments,
          topics: mentor.topics.join('\n'),
          availability: mentor.availability,
        }
      : undefined,
    validation: checks(
      () => import('~/domains/hubs/mentors.schema.ts'),
      mode === 'add' ? 'AddMentorSchema' : 'EditMentorSchema',
    ),
  })
  const selected = (fields.segments.value as string[] | string | undefined) ?? []
  const topicsProps = getTextareaProps(fields.topics)
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
      <input type="hidden" name="intent" value={mode} />
      {mentor ? <input type="hidden" name="mentorId" value={mentor.id} /> : null}
      <FormErrors errors={form.errors} />
      {mode === 'add' ? (
        <Field
          label={t('fields.email')}
          field={fields.email}
          type="email"
          hint={t('hints.email')}
          autoComplete="off"
        />
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('fields.title')} field={fields.title} hint={t('hints.title')} />
        <Field
          label={t('fields.affiliation')}
          field={fields.affiliation}
          hint={t('hints.affiliation')}
        />
      </div>
      <TextareaField label={t('fields.bio')} field={fields.bio} />
      <SegmentPicker
        name="segments"
        legend={t('fields.segments')}
        hint={t('hints.segments')}
        selected={Array.isArray(selected) ? selected : [selected]}
        errors={fields.segments.errors}
        errorId={fields.segments.errorId}
      />
      <div>
        <label htmlFor={fields.topics.id} className="block text-sm font-medium text-slate-800">
          {t('fields.topics')}
        </label>
        <textarea
          {...topicsProps}
          key={topicsProps.key}
          rows={3}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
        />
        <p className="mt-1 text-xs text-slate-500">{t('hints.topics')}</p>
        <ErrorList id={fields.topics.errorId} errors={fields.topics.errors} />
      </div>
      <Field
        label={t('fields.availability')}
        field={fields.availability}
        hint={t('hints.availability')}
      />
      <Button
        type="submit"
        className="w-full sm:w-auto"
        disabled={navigation.state === 'submitting'}
      >
        {t(mode === 'add' ? 'admin.add' : 'admin.save')}
      </Button>
    </Form>
  )
}
