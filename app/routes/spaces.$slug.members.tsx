// Space admins (owners and admins of the operating organisation) admit members and move them
// along the chain: change stage, graduate, leave or close. Buttons come from the membership
// machine; every step is kept in the membership's history.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { useForm } from '~/components/ui/use-form.ts'
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
import {
  Button,
  Card,
  Field,
  FormErrors,
  Notice,
  PageTitle,
  SelectField,
} from '~/components/ui/form.tsx'
import { requireOrgPermission } from '~/domains/accounts/auth.server.ts'
import { availableActions, TransitionError } from '~/domains/lifecycle/machine.ts'
import {
  membershipMachine,
  stages,
  type MembershipAction,
  type MembershipStatus,
  type Stage,
} from '~/domains/spaces/membership.machine.ts'
import { AdmitMemberSchema, MoveMemberSchema } from '~/domains/spaces/spaces.schema.ts'
import {
  admitMember,
  changeMembership,
  getSpace,
  membershipHistory,
  spaceMembers,
} from '~/domains/spaces/spaces.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { now } from '~/clock.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDate } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

const changeIntents: readonly string[] = membershipMachine.transitions.map((t) => t.action)
const notices = ['admit', ...changeIntents]

async function findSpace(slug: string | undefined) {
  const found = await getSpace(slug ?? '')
  if (!found) throw new Response('', { status: 404 })
  return found
}

/** Today in China, as the YYYY-MM-DD a date input expects. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now())
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { space, operator } = await findSpace(params.slug)
  await requireOrgPermission(request, operator.id, 'manage:space:own')
  const members = await spaceMembers(space.id, { includeEnded: true })
  const events = await membershipHistory(members.map((m) => m.id))
  const rows = members.map((m) => ({
    id: m.id,
    stage: m.stage,
    status: m.status,
    admittedOn: m.admittedOn,
    endedOn: m.endedOn,
    name: m.orgName ?? m.personName ?? '',
    orgSlug: m.orgSlug,
    actions: availableActions(membershipMachine, m.status, ['space-admin']),
    history: events
      .filter((e) => e.membershipId === m.id)
      .map((e) => ({
        id: e.id,
        action: e.action,
        fromStage: e.fromStage,
        toStage: e.toStage,
        on: e.on,
        note: e.note,
      })),
  }))
  return {
    space: { slug: space.slug, name: space.name },
    today: today(),
    active: rows.filter((r) => r.status === 'active'),
    ended: rows.filter((r) => r.status !== 'active'),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { space, operator } = await findSpace(params.slug)
  const { auth } = await requireOrgPermission(request, operator.id, 'manage:space:own')
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const ip = clientIp(context)
  const back = `/spaces/${space.slug}/members`

  if (intent === 'admit') {
    const submission = parseWithZod(formData, { schema: AdmitMemberSchema })
    if (submission.status !== 'success')
      return { intent, membershipId: null, result: submission.reply() }
    try {
      await admitMember({
        spaceId: space.id,
        actorUserId: auth.user.id,
        member: submission.value.member,
        stage: submission.value.stage,
        on: submission.value.on,
        ip,
      })
      return redirect(`${back}?notice=admit`)
    } catch (error) {
      const { status, result } = replyWithError(submission, error)
      return Response.json({ intent, membershipId: null, result }, { status })
    }
  }

  if (!changeIntents.includes(intent)) throw new Response('', { status: 400 })
  const membershipId = String(formData.get('membershipId') ?? '')
  const submission = parseWithZod(formData, { schema: MoveMemberSchema })
  if (submission.status !== 'success') return { intent, membershipId, result: submission.reply() }
  try {
    await changeMembership({
      spaceId: space.id,
      membershipId: submission.value.membershipId,
      action: submission.value.intent,
      stage: submission.value.stage,
      on: submission.value.on,
      note: submission.value.note,
      actorUserId: auth.user.id,
      actorRoles: ['space-admin'],
      ip,
    })
    return redirect(`${back}?notice=${submission.value.intent}`)
  } catch (error) {
    if (error instanceof TransitionError) {
      return Response.json(
        {
          intent,
          membershipId,
          result: submission.reply({ formErrors: ['spaces:errors.transitionFailed'] }),
        },
        { status: 409 },
      )
    }
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, membershipId, result }, { status })
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `成员管理 · ${data.space.name} · 众创 Zhongchuang`
      : '成员管理 · 众创 Zhongchuang',
  },
]

type Row = ReturnType<typeof useLoaderData<typeof loader>>['active'][number]
type Result = SubmissionResult<string[]> | undefined

const statusStyles: Record<MembershipStatus, string> = {
  active: 'bg-green-50 text-green-800 ring-green-200',
  graduated: 'bg-brand-50 text-brand-800 ring-brand-100',
  left: 'bg-slate-50 text-slate-600 ring-slate-200',
  closed: 'bg-red-50 text-red-800 ring-red-200',
}

const badge =
  'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset'

export default function SpaceMembersPage() {
  const { t } = useTranslation('spaces')
  const { space, today, active, ended } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  // A new navigation (such as the redirect after a change) remounts the forms, emptying them.
  const location = useLocation()
  const notice = searchParams.get('notice')
  const resultFor = (intent: string, membershipId: string | null): Result =>
    actionData && actionData.intent === intent && actionData.membershipId === membershipId
      ? actionData.result
      : undefined
  return (
    <div key={location.key} className="space-y-6">
      <nav className="text-sm">
        <Link to={`/spaces/${space.slug}`}>{t('members.back')}</Link>
      </nav>
      <PageTitle sub={space.name}>{t('members.title')}</PageTitle>
      {notice && notices.includes(notice) ? (
        <Notice tone="success">{t(`notice.${notice}`)}</Notice>
      ) : null}

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">{t('admit.title')}</h2>
        <AdmitForm today={today} lastResult={resultFor('admit', null)} />
      </Card>

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">
          {t('members.active')}{' '}
          <span className="text-sm font-normal text-slate-500">({active.length})</span>
        </h2>
        {active.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('members.noActive')}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {active.map((m) => (
              <MembershipItem key={m.id} membership={m}>
                <details className="mt-3" open={actionData?.membershipId === m.id}>
                  <summary className="cursor-pointer text-sm font-medium text-brand-700">
                    {t('actions.title')}
                  </summary>
                  <div className="mt-3 grid gap-3 md:grid-cols-2">
                    {m.actions.map((a) => (
                      <ChangeForm
                        key={a}
                        membership={m}
                        action={a}
                        today={today}
                        lastResult={resultFor(a, m.id)}
                      />
                    ))}
                  </div>
                </details>
              </MembershipItem>
            ))}
          </ul>
        )}
      </Card>

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">
          {t('members.ended')}{' '}
          <span className="text-sm font-normal text-slate-500">({ended.length})</span>
        </h2>
        {ended.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('members.noEnded')}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {ended.map((m) => (
              <MembershipItem key={m.id} membership={m} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  )
}

function MembershipItem({
  membership: m,
  children,
}: {
  membership: Row
  children?: React.ReactNode
}) {
  const { t } = useTranslation('spaces')
  const lng = useRootData()?.locale ?? fallbackLanguage
  return (
    <li className="rounded-md border border-slate-200 p-3 sm:p-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {m.orgSlug ? (
          <Link to={`/orgs/${m.orgSlug}`} className="font-medium">
            {m.name}
          </Link>
        ) : (
          <span className="font-medium text-slate-900">{m.name}</span>
        )}
        <span className="text-xs text-slate-500">
          {t(m.orgSlug ? 'members.org' : 'members.person')}
        </span>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-1.5 text-xs">
        <span className={`${badge} ${statusStyles[m.status]}`}>{t(`status.${m.status}`)}</span>
        <span className={`${badge} bg-slate-50 text-slate-700 ring-slate-200`}>
          {t(`stage.${m.stage}`)}
        </span>
        <span className="text-slate-500">
          {t('members.admittedOn', { date: formatDate(m.admittedOn, lng) })}
          {m.endedOn ? ` · ${t('members.endedOn', { date: formatDate(m.endedOn, lng) })}` : ''}
        </span>
      </div>
      {children}
      <details className="mt-3">
        <summary className="cursor-pointer text-sm text-slate-600">
          {t('history.title')} ({m.history.length})
        </summary>
        {m.history.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('history.empty')}</p>
        ) : (
          <ol className="mt-2 space-y-2 border-l-2 border-slate-200 pl-3 text-sm">
            {m.history.map((e) => (
              <li key={e.id}>
                <span className="text-slate-500">{formatDate(e.on, lng)}</span> ·{' '}
                <span className="font-medium">{t(`event.${e.action}`)}</span>
                {' · '}
                {e.fromStage && e.fromStage !== e.toStage
                  ? t('history.stageChange', {
                      from: t(`stage.${e.fromStage}`),
                      to: t(`stage.${e.toStage}`),
                    })
                  : t(`stage.${e.toStage}`)}
                {e.note ? <p className="text-slate-600">{e.note}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </details>
    </li>
  )
}

function AdmitForm({ today, lastResult }: { today: string; lastResult: Result }) {
  const { t } = useTranslation('spaces')
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'admit',
    lastResult,
    defaultValue: { stage: 'nursery', on: today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AdmitMemberSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
      <input type="hidden" name="intent" value="admit" />
      <FormErrors errors={form.errors} />
      <Field
        label={t('fields.member')}
        field={fields.member}
        hint={t('hints.member')}
        autoComplete="off"
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('fields.stage')}
          field={fields.stage}
          options={stages.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
        />
        <Field label={t('fields.admittedOn')} field={fields.on} type="date" />
      </div>
      <Button
        type="submit"
        className="w-full sm:w-auto"
        disabled={navigation.state === 'submitting'}
      >
        {t('admit.submit')}
      </Button>
    </Form>
  )
}

function ChangeForm({
  membership,
  action,
  today,
  lastResult,
}: {
  membership: Row
  action: MembershipAction
  today: string
  lastResult: Result
}) {
  const { t } = useTranslation('spaces')
  const navigation = useNavigation()
  const otherStages = stages.filter((s: Stage) => s !== membership.stage)
  const [form, fields] = useForm({
    id: `${action}-${membership.id}`,
    lastResult,
    defaultValue: { on: today, stage: action === 'move' ? otherStages[0] : undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MoveMemberSchema }),
  })
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="rounded-md border border-slate-200 bg-slate-50 p-3"
    >
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-800">{t(`actions.${action}`)}</legend>
        <p className="text-xs text-slate-600">{t(`actions.help.${action}`)}</p>
        <input type="hidden" name="intent" value={action} />
        <input type="hidden" name="membershipId" value={membership.id} />
        <FormErrors errors={form.errors} />
        {action === 'move' ? (
          <SelectField
            label={t('fields.toStage')}
            field={fields.stage}
            options={otherStages.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
          />
        ) : null}
        <Field label={t('fields.on')} field={fields.on} type="date" />
        <Button
          type="submit"
          variant={action === 'close' ? 'danger' : action === 'move' ? 'primary' : 'secondary'}
          className="w-full"
          disabled={navigation.state === 'submitting'}
        >
          {t(`actions.${action}`)}
        </Button>
      </fieldset>
    </Form>
  )
}
