// A space's members along the incubation chain (苗圃 → 孵化器 → 加速器), for everyone: active
// members by stage and the graduates. Space admins (owners and admins of the operating
// organisation) also admit members and move them along the chain (change stage, graduate, leave
// or close), and see each member's activity across the marketplaces. Buttons come from the
// membership machine; every step is kept in the membership's history.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { checks, useForm } from '~/components/ui/use-form.ts'
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
import { MemberBadges } from '~/components/member-badge.tsx'
import { getAuth, requireOrgPermission } from '~/domains/accounts/auth.server.ts'
import { availableActions, TransitionError } from '~/domains/lifecycle/machine.ts'
import {
  membershipMachine,
  stages,
  type MembershipAction,
  type MembershipStatus,
  type Stage,
} from '~/domains/spaces/membership.machine.ts'
import { membersActivity } from '~/domains/spaces/member-activity.server.ts'
import { publicSpaceMembers } from '~/domains/spaces/members-page.server.ts'
import { segmentName } from '~/domains/spaces/segments.ts'
import { AdmitMemberSchema, MoveMemberSchema } from '~/domains/spaces/spaces.schema.ts'
import {
  admitMember,
  changeMembership,
  getSpace,
  isSpaceAdmin,
  membershipHistory,
  spaceMembers,
} from '~/domains/spaces/spaces.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { now } from '~/clock.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDate, formatMoney } from '~/i18n/format.ts'
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
  const auth = await getAuth(request)
  const publicView = await publicSpaceMembers(space.id)
  const base = {
    space: { slug: space.slug, name: space.name, nameEn: space.nameEn },
    publicView,
  }
  if (!isSpaceAdmin(auth, operator.id)) return { ...base, manage: null }
  const [members, activity] = await Promise.all([
    spaceMembers(space.id, { includeEnded: true }),
    membersActivity(space.id),
  ])
  const events = await membershipHistory(members.map((m) => m.id))
  const none = { bidsWon: 0, bookingsCompleted: 0, bookingsAll: 0, raisedFen: 0 }
  const rows = members.map((m) => ({
    id: m.id,
    stage: m.stage,
    status: m.status,
    admittedOn: m.admittedOn,
    endedOn: m.endedOn,
    name: m.orgName ?? m.personName ?? '',
    orgSlug: m.orgSlug,
    activity: activity[m.id] ?? none,
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
    ...base,
    manage: {
      today: today(),
      active: rows.filter((r) => r.status === 'active'),
      ended: rows.filter((r) => r.status !== 'active'),
    },
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
    title: data ? `成员 · ${data.space.name} · 众创 Zhongchuang` : '成员 · 众创 Zhongchuang',
  },
]

type Manage = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['manage']>
type Row = Manage['active'][number]
type PublicMember = ReturnType<typeof useLoaderData<typeof loader>>['publicView']['active'][number]
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
  const { space, publicView, manage } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const [searchParams] = useSearchParams()
  // A new navigation (such as the redirect after a change) remounts the forms, emptying them.
  const location = useLocation()
  const notice = searchParams.get('notice')
  const title = lng === 'en' && space.nameEn ? space.nameEn : space.name
  return (
    <div key={location.key} className="space-y-6">
      <nav className="text-sm">
        <Link to={`/spaces/${space.slug}`}>{t('members.back')}</Link>
      </nav>
      <PageTitle sub={title}>{t('members.publicTitle')}</PageTitle>
      {notice && notices.includes(notice) ? (
        <Notice tone="success">{t(`notice.${notice}`)}</Notice>
      ) : null}
      <PublicMembers active={publicView.active} graduated={publicView.graduated} />
      {manage ? <Management manage={manage} spaceSlug={space.slug} /> : null}
    </div>
  )
}

function PublicMembers({
  active,
  graduated,
}: {
  active: PublicMember[]
  graduated: PublicMember[]
}) {
  const { t } = useTranslation('spaces')
  return (
    <>
      {stages.map((stage) => {
        const members = active.filter((m) => m.stage === stage)
        return (
          <Card key={stage}>
            <h2 className="text-lg font-semibold text-slate-900">
              {t(`stage.${stage}`)}{' '}
              <span className="text-sm font-normal text-slate-500">({members.length})</span>
            </h2>
            <p className="mt-1 text-xs text-slate-500">{t(`members.stageHelp.${stage}`)}</p>
            {members.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('members.noneAtStage')}</p>
            ) : (
              <ul className="mt-3 grid gap-3 md:grid-cols-2">
                {members.map((m) => (
                  <PublicMemberItem key={m.id} member={m} />
                ))}
              </ul>
            )}
          </Card>
        )
      })}
      <Card>
        <h2 className="text-lg font-semibold text-slate-900">
          {t('members.graduated')}{' '}
          <span className="text-sm font-normal text-slate-500">({graduated.length})</span>
        </h2>
        {graduated.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('members.noGraduated')}</p>
        ) : (
          <ul className="mt-3 grid gap-3 md:grid-cols-2">
            {graduated.map((m) => (
              <PublicMemberItem key={m.id} member={m} />
            ))}
          </ul>
        )}
      </Card>
    </>
  )
}

function PublicMemberItem({ member: m }: { member: PublicMember }) {
  const { t } = useTranslation('spaces')
  const lng = useRootData()?.locale ?? fallbackLanguage
  const name = lng === 'en' && m.nameEn ? m.nameEn : m.name
  return (
    <li className="min-w-0 rounded-md border border-slate-200 p-3">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        {m.href ? (
          <Link to={m.href} className="font-medium">
            {name}
          </Link>
        ) : (
          <span className="font-medium text-slate-900">{name}</span>
        )}
        <span className="text-xs text-slate-500">
          {t(m.kind === 'org' ? 'members.org' : 'members.maker')}
        </span>
      </div>
      {m.oneLiner ? <p className="mt-1 text-sm text-slate-700">{m.oneLiner}</p> : null}
      <div className="mt-2 flex flex-wrap items-center gap-1.5 text-xs">
        {m.segments.map((s) => (
          <span key={s} className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700">
            {segmentName(s, lng)}
          </span>
        ))}
        <MemberBadges badges={m.badges} />
      </div>
      <p className="mt-2 text-xs text-slate-500">
        {t('members.admittedOn', { date: formatDate(m.admittedOn, lng) })}
        {m.status === 'graduated' && m.endedOn
          ? ` · ${t('members.graduatedOn', { date: formatDate(m.endedOn, lng) })}`
          : ''}
      </p>
    </li>
  )
}

function Management({ manage, spaceSlug }: { manage: Manage; spaceSlug: string }) {
  const { t } = useTranslation('spaces')
  const lng = useRootData()?.locale ?? fallbackLanguage
  const { today, active, ended } = manage
  const actionData = useActionData<typeof action>()
  const resultFor = (intent: string, membershipId: string | null): Result =>
    actionData && actionData.intent === intent && actionData.membershipId === membershipId
      ? actionData.result
      : undefined
  return (
    <>
      <h2
        id="manage"
        className="scroll-mt-4 border-t border-slate-200 pt-6 text-xl font-bold text-slate-900"
      >
        {t('members.title')}
      </h2>
      <Card>
        <h2 className="text-lg font-semibold text-slate-900">{t('admit.title')}</h2>
        <AdmitForm today={today} lastResult={resultFor('admit', null)} />
      </Card>

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">{t('activity.title')}</h2>
        <p className="mt-1 text-xs text-slate-600">{t('activity.help')}</p>
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t('activity.member')}
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t('activity.status')}
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  {t('activity.bidsWon')}
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  {t('activity.bookings')}
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  {t('activity.raised')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {[...active, ...ended].map((m) => (
                <tr key={m.id}>
                  <td className="py-2 pr-3">
                    <Link to={`/spaces/${spaceSlug}/members/${m.id}`} className="font-medium">
                      {m.name}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap py-2 pr-3 text-xs text-slate-600">
                    {m.status === 'active' ? t(`stage.${m.stage}`) : t(`status.${m.status}`)}
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums">{m.activity.bidsWon}</td>
                  <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">
                    {t('activity.bookingsValue', {
                      completed: m.activity.bookingsCompleted,
                      all: m.activity.bookingsAll,
                    })}
                  </td>
                  <td className="whitespace-nowrap py-2 text-right tabular-nums">
                    {formatMoney(m.activity.raisedFen, lng)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
              <MembershipItem key={m.id} membership={m} spaceSlug={spaceSlug}>
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
              <MembershipItem key={m.id} membership={m} spaceSlug={spaceSlug} />
            ))}
          </ul>
        )}
      </Card>
    </>
  )
}

function MembershipItem({
  membership: m,
  spaceSlug,
  children,
}: {
  membership: Row
  spaceSlug: string
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
        <Link to={`/spaces/${spaceSlug}/members/${m.id}`} className="text-sm">
          {t('activity.open')}
        </Link>
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
    validation: checks(() => import('~/domains/spaces/spaces.schema.ts'), 'AdmitMemberSchema'),
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
    validation: checks(() => import('~/domains/spaces/spaces.schema.ts'), 'MoveMemberSchema'),
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
