// One mentor session, for its two parties and the space's admins: what was asked, the agreed
// time and place, what was covered, and its history. The mentor accepts (a time in Beijing time
// and a place or link) or declines with a reason; either side cancels; the mentor records the
// meeting once it took place. Buttons come from the mentor-session machine.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
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
import { SessionStatus } from '~/components/mentor-session-status.tsx'
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
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { toBeijing } from '~/domains/challenges/beijing-time.ts'
import { TransitionError } from '~/domains/lifecycle/machine.ts'
import {
  AcceptSessionSchema,
  CancelSessionSchema,
  DeclineSessionSchema,
  RecordSessionSchema,
} from '~/domains/hubs/mentors.schema.ts'
import {
  changeSession,
  sessionPage,
  type SessionChange,
} from '~/domains/hubs/mentor-sessions.server.ts'
import { now } from '~/clock.server.ts'
import { replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const page = await sessionPage(params.id ?? '', auth)
  const s = page.session
  return {
    session: {
      id: s.id,
      topic: s.topic,
      message: s.message,
      preferredTimes: s.preferredTimes,
      status: s.status,
      scheduledAt: s.scheduledAt?.toISOString() ?? null,
      place: s.place,
      heldAt: s.heldAt?.toISOString() ?? null,
      durationMinutes: s.durationMinutes,
      summary: s.summary,
      declineReason: s.declineReason,
      createdAt: s.createdAt.toISOString(),
    },
    mentor: page.mentor,
    requester: page.requester,
    space: page.space,
    roles: page.roles,
    spaceAdmin: page.spaceAdmin,
    actions: page.actions,
    canRecordNow: page.canRecordNow,
    // The record form starts at the agreed time, as typed in Beijing time.
    defaultHeldAt: toBeijing(s.scheduledAt ?? now()),
    history: page.history.map((h) => ({ ...h, at: h.at.toISOString() })),
  }
}

// Named apart from their schemas: the page reads the names, and zod stays out of it.
const intents = ['accept', 'decline', 'cancel', 'record'] as const
type Intent = (typeof intents)[number]
const isIntent = (s: string): s is Intent => (intents as readonly string[]).includes(s)
const schemas = {
  accept: AcceptSessionSchema,
  decline: DeclineSessionSchema,
  cancel: CancelSessionSchema,
  record: RecordSessionSchema,
} as const satisfies Record<Intent, unknown>

type Values = {
  [K in Intent]: ReturnType<(typeof schemas)[K]['parse']>
}[Intent]

function toChange(v: Values): SessionChange {
  switch (v.intent) {
    case 'accept':
      return { action: 'accept', scheduledAt: v.scheduledAt, place: v.place }
    case 'decline':
      return { action: 'decline', reason: v.reason }
    case 'cancel':
      return { action: 'cancel', reason: v.reason }
    case 'record':
      return {
        action: 'record',
        heldAt: v.heldAt,
        durationMinutes: v.durationMinutes,
        summary: v.summary,
      }
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const id = params.id ?? ''
  // Whoever may not see it learns nothing, whatever they post (docs/decisions/0021).
  await sessionPage(id, auth)
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  if (!isIntent(intent)) throw new Response('', { status: 400 })
  const submission = parseWithZod(formData, { schema: schemas[intent] })
  if (submission.status !== 'success') return { intent, result: submission.reply() }
  try {
    await changeSession({ sessionId: id, auth, change: toChange(submission.value) })
    return redirect(`/mentoring/${id}?notice=${intent}`)
  } catch (error) {
    if (error instanceof TransitionError) {
      return Response.json(
        { intent, result: submission.reply({ formErrors: ['mentors:errors.transitionFailed'] }) },
        { status: 409 },
      )
    }
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, result }, { status })
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.session.topic} · 创业辅导 · 众创 Zhongchuang`
      : '创业辅导 · 众创 Zhongchuang',
  },
]

type Result = SubmissionResult<string[]> | undefined

export default function MentorSessionPage() {
  const { t } = useTranslation('mentors')
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const location = useLocation()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const { session: s, mentor, requester, space } = data
  const notice = searchParams.get('notice')
  const resultFor = (intent: Intent): Result =>
    actionData && actionData.intent === intent ? actionData.result : undefined
  const facts: { label: string; value: React.ReactNode }[] = [
    {
      label: t('session.mentor'),
      value: [mentor.name, mentor.title, mentor.affiliation].filter(Boolean).join(' · '),
    },
    {
      label: t('session.requester'),
      value: requester.org ? (
        <>
          {requester.name} · <Link to={`/orgs/${requester.org.slug}`}>{requester.org.name}</Link>
        </>
      ) : (
        requester.name
      ),
    },
    {
      label: t('session.space'),
      value: (
        <Link to={`/spaces/${space.slug}/mentors`}>
          {lng === 'en' && space.nameEn ? space.nameEn : space.name}
        </Link>
      ),
    },
    { label: t('session.requestedAt'), value: formatDateTime(s.createdAt, lng) },
  ]
  if (s.preferredTimes) facts.push({ label: t('fields.preferredTimes'), value: s.preferredTimes })
  if (s.scheduledAt)
    facts.push({
      label: t('session.scheduledAt'),
      value: t('session.beijing', { at: formatDateTime(s.scheduledAt, lng) }),
    })
  if (s.place) facts.push({ label: t('session.place'), value: s.place })
  return (
    <div key={location.key} className="mx-auto max-w-3xl space-y-6">
      <nav className="text-sm">
        <Link to="/mentoring">{t('session.back')}</Link>
      </nav>
      <PageTitle sub={<SessionStatus status={s.status} />}>{s.topic}</PageTitle>
      {notice && ['requested', ...intents].includes(notice) ? (
        <Notice tone="success">{t(`notice.${notice}`)}</Notice>
      ) : null}
      {data.spaceAdmin && data.roles.length === 0 ? (
        <Notice tone="info">{t('session.adminView')}</Notice>
      ) : null}
      <Card>
        <dl className="grid gap-3 sm:grid-cols-2">
          {facts.map((f) => (
            <div key={f.label} className="min-w-0">
              <dt className="text-xs font-medium text-slate-500">{f.label}</dt>
              <dd className="mt-0.5 break-words text-sm text-slate-800">{f.value}</dd>
            </div>
          ))}
        </dl>
        {s.message ? (
          <div className="mt-4">
            <h2 className="text-xs font-medium text-slate-500">{t('fields.message')}</h2>
            <p className="mt-1 whitespace-pre-line text-sm text-slate-800">{s.message}</p>
          </div>
        ) : null}
      </Card>

      {s.status === 'declined' && s.declineReason ? (
        <Notice tone="warning">{t('session.declinedBecause', { reason: s.declineReason })}</Notice>
      ) : null}

      {s.status === 'held' ? (
        <Card>
          <h2 className="text-lg font-semibold text-slate-900">{t('session.record')}</h2>
          <p className="mt-1 text-sm text-slate-600">
            {s.heldAt ? t('session.beijing', { at: formatDateTime(s.heldAt, lng) }) : ''}
            {s.durationMinutes ? ` · ${t('session.minutes', { n: s.durationMinutes })}` : ''}
          </p>
          {s.summary ? (
            <p className="mt-3 whitespace-pre-line text-sm text-slate-800">{s.summary}</p>
          ) : null}
        </Card>
      ) : null}

      {data.actions.includes('accept') ? (
        <Card>
          <h2 className="text-lg font-semibold text-slate-900">{t('actions.accept')}</h2>
          <p className="mt-1 text-sm text-slate-600">{t('actions.acceptHelp')}</p>
          <AcceptForm lastResult={resultFor('accept')} />
        </Card>
      ) : null}
      {data.actions.includes('record') ? (
        <Card>
          <h2 className="text-lg font-semibold text-slate-900">{t('actions.record')}</h2>
          {data.canRecordNow ? (
            <RecordForm defaultHeldAt={data.defaultHeldAt} lastResult={resultFor('record')} />
          ) : (
            <p className="mt-1 text-sm text-slate-600">{t('actions.recordLater')}</p>
          )}
        </Card>
      ) : null}
      {data.actions.includes('decline') || data.actions.includes('cancel') ? (
        <Card>
          <div className="space-y-3">
            {(['decline', 'cancel'] as const)
              .filter((a) => data.actions.includes(a))
              .map((a) => (
                <details key={a} open={!!resultFor(a)}>
                  <summary className="cursor-pointer text-sm font-medium text-slate-800">
                    {t(`actions.${a}`)}
                  </summary>
                  <ReasonForm intent={a} lastResult={resultFor(a)} />
                </details>
              ))}
          </div>
        </Card>
      ) : null}

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">{t('session.history')}</h2>
        <ol className="mt-3 space-y-2 border-l-2 border-slate-200 pl-3 text-sm">
          {data.history.map((h) => (
            <li key={h.id}>
              <span className="text-slate-500">{formatDateTime(h.at, lng)}</span> ·{' '}
              <span className="font-medium">{t(`event.${h.action}`)}</span>
              {h.actorName ? <span className="text-slate-600"> · {h.actorName}</span> : null}
              {h.note ? <p className="text-slate-600">{h.note}</p> : null}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  )
}

function Submit({ children, danger }: { children: React.ReactNode; danger?: boolean }) {
  const navigation = useNavigation()
  return (
    <Button
      type="submit"
      variant={danger ? 'danger' : 'primary'}
      className="w-full sm:w-auto"
      disabled={navigation.state === 'submitting'}
    >
      {children}
    </Button>
  )
}

function AcceptForm({ lastResult }: { lastResult: Result }) {
  const { t } = useTranslation('mentors')
  const [form, fields] = useForm({
    id: 'accept',
    lastResult,
    validation: checks(() => import('~/domains/hubs/mentors.schema.ts'), 'AcceptSessionSchema'),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
      <input type="hidden" name="intent" value="accept" />
      <FormErrors errors={form.errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <DateTimeField
          label={t('fields.scheduledAt')}
          field={fields.scheduledAt}
          hint={t('hints.beijing')}
        />
        <Field label={t('fields.place')} field={fields.place} hint={t('hints.place')} />
      </div>
      <Submit>{t('actions.accept')}</Submit>
    </Form>
  )
}

function ReasonForm({ intent, lastResult }: { intent: 'decline' | 'cancel'; lastResult: Result }) {
  const { t } = useTranslation('mentors')
  const [form, fields] = useForm({
    id: intent,
    lastResult,
    validation: checks(
      () => import('~/domains/hubs/mentors.schema.ts'),
      intent === 'decline' ? 'DeclineSessionSchema' : 'CancelSessionSchema',
    ),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
      <input type="hidden" name="intent" value={intent} />
      <FormErrors errors={form.errors} />
      <TextareaField
        label={t(intent === 'decline' ? 'fields.declineReason' : 'fields.cancelReason')}
        field={fields.reason}
      />
      <Submit danger={intent === 'cancel'}>{t(`actions.${intent}`)}</Submit>
    </Form>
  )
}

function RecordForm({ defaultHeldAt, lastResult }: { defaultHeldAt: string; lastResult: Result }) {
  const { t } = useTranslation('mentors')
  const [form, fields] = useForm({
    id: 'record',
    lastResult,
    defaultValue: { heldAt: defaultHeldAt, durationMinutes: '60' },
    validation: checks(() => import('~/domains/hubs/mentors.schema.ts'), 'RecordSessionSchema'),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
      <input type="hidden" name="intent" value="record" />
      <FormErrors errors={form.errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <DateTimeField label={t('fields.heldAt')} field={fields.heldAt} hint={t('hints.beijing')} />
        <Field
          label={t('fields.durationMinutes')}
          field={fields.durationMinutes}
          type="number"
          inputMode="numeric"
        />
      </div>
      <TextareaField label={t('fields.summary')} field={fields.summary} hint={t('hints.summary')} />
      <Submit>{t('actions.record')}</Submit>
    </Form>
  )
}

/** A datetime-local input (Field knows only the simpler types). */
function DateTimeField({
  label,
  field,
  hint,
}: {
  label: string
  field: Parameters<typeof Field>[0]['field']
  hint: string
}) {
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={field.id}
        name={field.name}
        type="datetime-local"
        defaultValue={typeof field.initialValue === 'string' ? field.initialValue : undefined}
        key={field.key}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={`${field.id}-hint ${field.errorId}`}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
      />
      <p id={`${field.id}-hint`} className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}
