// /events/:id/manage: the space's admins run an event: publish, cancel with a reason, mark held
// once it has started, check registrants in by the code they show (or per row) and undo it, the
// registrations as a table and as CSV, and for roadshows the running order of presenting member
// startups and the investors invited.
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
import type { ZodType } from 'zod'
import { useTranslation } from 'react-i18next'
import { badge, KindBadge, StatusBadge } from '~/components/events/event-card.tsx'
import {
  Button,
  Card,
  Field,
  FormErrors,
  Notice,
  PageTitle,
  SelectField,
  TextareaField,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { now } from '~/clock.server.ts'
import { requireEventAdmin } from '~/domains/hubs/event-access.server.ts'
import {
  eventRegistrationsTable,
  roadshowArrangement,
} from '~/domains/hubs/event-queries.server.ts'
import { checkIn, undoCheckIn } from '~/domains/hubs/event-registrations.server.ts'
import {
  CancelEventSchema,
  CheckInSchema,
  EmptySchema,
  InviteSchema,
  PresenterRowSchema,
  PresenterSchema,
  RegistrationRowSchema,
} from '~/domains/hubs/events.schema.ts'
import {
  addEventPresenter,
  cancelSpaceEvent,
  holdSpaceEvent,
  invitableInvestors,
  inviteEventInvestor,
  moveEventPresenter,
  publishSpaceEvent,
  removeEventPresenter,
  withdrawEventInvitation,
} from '~/domains/hubs/events.server.ts'
import { availableActions } from '~/domains/lifecycle/machine.ts'
import { eventMachine } from '~/domains/hubs/hub.machine.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, space } = await requireEventAdmin(request, params.id ?? '')
  const url = new URL(request.url)
  const registrations = await eventRegistrationsTable(event.id)
  const q = url.searchParams.get('q')?.trim() ?? ''
  const roadshow = event.kind === 'roadshow'
  const [arrangement, investors] = await Promise.all([
    roadshow ? roadshowArrangement(event.id, space.id) : null,
    roadshow ? invitableInvestors(q) : [],
  ])
  const invitedIds = new Set(arrangement?.invited.map((i) => i.profileId) ?? [])
  const started = now().getTime() >= event.startsAt.getTime()
  return {
    event: {
      id: event.id,
      kind: event.kind,
      title: event.title,
      status: event.status,
      startsAt: event.startsAt,
      capacity: event.capacity,
      cancelReason: event.cancelReason,
    },
    space: { slug: space.slug, name: space.name },
    // Holding is offered once the event has started; the machine says from which states.
    actions: availableActions(eventMachine, event.status, ['space-admin']).filter(
      (a) => a !== 'hold' || started,
    ),
    editable: event.status === 'draft' || event.status === 'published',
    registrations,
    counts: {
      seated: registrations.filter((r) => r.status === 'registered' || r.status === 'attended')
        .length,
      attended: registrations.filter((r) => r.status === 'attended').length,
      waitlisted: registrations.filter((r) => r.status === 'waitlisted').length,
    },
    arrangement,
    q,
    investors: investors.filter((i) => !invitedIds.has(i.id)),
  }
}

const schemas: Record<string, ZodType<Record<string, unknown>>> = {
  publish: EmptySchema,
  hold: EmptySchema,
  cancel: CancelEventSchema,
  checkin: CheckInSchema,
  'checkin-row': RegistrationRowSchema,
  'undo-checkin': RegistrationRowSchema,
  'add-presenter': PresenterSchema,
  'remove-presenter': PresenterRowSchema,
  'presenter-up': PresenterRowSchema,
  'presenter-down': PresenterRowSchema,
  invite: InviteSchema,
  uninvite: InviteSchema,
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { event, space, auth } = await requireEventAdmin(request, params.id ?? '')
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const key = String(formData.get('key') ?? '')
  const schema = schemas[intent]
  if (!schema) throw new Response('', { status: 400 })
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success') return { intent, key, result: submission.reply() }
  const v = submission.value as Record<string, string | null>
  const admin = {
    spaceId: space.id,
    eventId: event.id,
    actorUserId: auth.user.id,
    ip: clientIp(context),
  }
  const str = (name: string) => v[name] ?? ''
  try {
    switch (intent) {
      case 'publish':
        await publishSpaceEvent(admin)
        break
      case 'hold':
        await holdSpaceEvent(admin)
        break
      case 'cancel':
        await cancelSpaceEvent({ ...admin, reason: str('reason') })
        break
      case 'checkin':
        await checkIn({ ...admin, code: str('code') })
        break
      case 'checkin-row':
        await checkIn({ ...admin, registrationId: str('registrationId') })
        break
      case 'undo-checkin':
        await undoCheckIn({ ...admin, registrationId: str('registrationId') })
        break
      case 'add-presenter':
        await addEventPresenter({
          ...admin,
          orgId: str('orgId'),
          campaignId: v.campaignId ?? null,
          pitchTitle: str('pitchTitle'),
        })
        break
      case 'remove-presenter':
        await removeEventPresenter({ ...admin, presenterId: str('presenterId') })
        break
      case 'presenter-up':
      case 'presenter-down':
        await moveEventPresenter({
          ...admin,
          presenterId: str('presenterId'),
          direction: intent === 'presenter-up' ? 'up' : 'down',
        })
        break
      case 'invite':
        await inviteEventInvestor({ ...admin, investorProfileId: str('investorProfileId') })
        break
      case 'uninvite':
        await withdrawEventInvitation({ ...admin, investorProfileId: str('investorProfileId') })
        break
    }
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, key, result }, { status })
  }
  const url = new URL(request.url)
  const q = url.searchParams.get('q')
  const anchor = intent.includes('presenter')
    ? '#presenters'
    : intent.includes('invite')
      ? '#investors'
      : intent.includes('checkin')
        ? '#registrations'
        : ''
  return redirect(
    `/events/${event.id}/manage?notice=${intent}${q && intent === 'invite' ? `&q=${encodeURIComponent(q)}` : ''}${anchor}`,
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `管理 · ${data.event.title} · 众创 Zhongchuang` : '活动管理 · 众创 Zhongchuang' },
]

type Result = SubmissionResult<string[]> | undefined
type Data = ReturnType<typeof useLoaderData<typeof loader>>

function useResult() {
  const actionData = useActionData<typeof action>()
  return (intent: string, key = ''): Result =>
    actionData && actionData.intent === intent && actionData.key === key
      ? actionData.result
      : undefined
}

/** A one-button form for an intent: its errors shown above the button. */
function ActionForm({
  intent,
  rowKey = '',
  hidden = {},
  label,
  variant = 'secondary',
  schema,
  className,
}: {
  intent: string
  rowKey?: string
  hidden?: Record<string, string>
  label: string
  variant?: 'primary' | 'secondary' | 'danger'
  /** The form's schema in events.schema.ts, loaded when the form is first used. */
  schema: 'EmptySchema' | 'RegistrationRowSchema' | 'PresenterRowSchema' | 'InviteSchema'
  className?: string
}) {
  const resultFor = useResult()
  const busy = useNavigation().state === 'submitting'
  const [form] = useForm({
    id: `${intent}-${rowKey}`,
    lastResult: resultFor(intent, rowKey),
    validation: checks(() => import('~/domains/hubs/events.schema.ts'), schema),
  })
  return (
    <Form method="post" {...getFormProps(form)} className={className}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="key" value={rowKey} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <FormErrors errors={form.errors} />
      <Button type="submit" variant={variant} disabled={busy} className="w-full sm:w-auto">
        {label}
      </Button>
    </Form>
  )
}

export default function ManageEventPage() {
  const { t } = useTranslation('events')
  const data = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const location = useLocation()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const { event, space } = data
  const notice = searchParams.get('notice')
  return (
    <div key={location.key} className="space-y-6">
      <nav className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <Link to={`/spaces/${space.slug}/events`}>{t('detail.back', { name: space.name })}</Link>
        <Link to={`/events/${event.id}`}>{t('manage.view')}</Link>
        {data.editable ? <Link to={`/events/${event.id}/edit`}>{t('manage.edit')}</Link> : null}
      </nav>
      <PageTitle sub={`${space.name} · ${formatDateTime(event.startsAt, lng)}`}>
        {event.title}
      </PageTitle>
      <div className="-mt-4 flex flex-wrap gap-1.5">
        <KindBadge kind={event.kind} />
        <StatusBadge status={event.status} />
      </div>
      {notice ? (
        <Notice tone="success">
          {t(`manage.notice.${notice}`, { defaultValue: t('manage.notice.done') })}
        </Notice>
      ) : null}
      {event.status === 'cancelled' && event.cancelReason ? (
        <Notice tone="error">{t('detail.reason', { reason: event.cancelReason })}</Notice>
      ) : null}

      <LifecycleCard data={data} />
      <CheckInCard data={data} />
      {data.arrangement ? <PresentersCard data={data} /> : null}
      {data.arrangement ? <InvestorsCard data={data} /> : null}
    </div>
  )
}

function LifecycleCard({ data }: { data: Data }) {
  const { t } = useTranslation('events')
  const resultFor = useResult()
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useForm({
    id: 'cancel-event',
    lastResult: resultFor('cancel'),
    validation: checks(() => import('~/domains/hubs/events.schema.ts'), 'CancelEventSchema'),
  })
  if (data.actions.length === 0) return null
  return (
    <Card>
      <h2 className="text-lg font-semibold text-slate-900">{t('manage.lifecycle')}</h2>
      <div className="mt-3 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-start">
        {data.actions.includes('publish') ? (
          <ActionForm
            intent="publish"
            label={t('manage.publish')}
            variant="primary"
            schema="EmptySchema"
          />
        ) : null}
        {data.actions.includes('hold') ? (
          <ActionForm
            intent="hold"
            label={t('manage.hold')}
            variant="primary"
            schema="EmptySchema"
          />
        ) : null}
      </div>
      {data.actions.includes('cancel') ? (
        <details className="mt-4" open={Boolean(resultFor('cancel'))}>
          <summary className="cursor-pointer text-sm font-medium text-red-800">
            {t('manage.cancel')}
          </summary>
          <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
            <input type="hidden" name="intent" value="cancel" />
            <FormErrors errors={form.errors} />
            <p className="text-sm text-slate-600">{t('manage.cancelHelp')}</p>
            <TextareaField label={t('fields.reason')} field={fields.reason} />
            <Button type="submit" variant="danger" disabled={busy}>
              {t('manage.cancelSubmit')}
            </Button>
          </Form>
        </details>
      ) : null}
    </Card>
  )
}

const regStyles: Record<string, string> = {
  registered: 'bg-green-50 text-green-800 ring-green-200',
  attended: 'bg-brand-50 text-brand-800 ring-brand-100',
  waitlisted: 'bg-amber-50 text-amber-900 ring-amber-200',
  cancelled: 'bg-slate-50 text-slate-600 ring-slate-200',
}

function CheckInCard({ data }: { data: Data }) {
  const { t } = useTranslation('events')
  const lng = useRootData()?.locale ?? fallbackLanguage
  const resultFor = useResult()
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useForm({
    id: 'checkin',
    lastResult: resultFor('checkin'),
    validation: checks(() => import('~/domains/hubs/events.schema.ts'), 'CheckInSchema'),
  })
  const canCheckIn = data.event.status === 'published' || data.event.status === 'held'
  return (
    <Card>
      <h2 id="registrations" className="text-lg font-semibold text-slate-900">
        {t('manage.registrations')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {t('manage.counts', {
          seated: data.counts.seated,
          capacity: data.event.capacity,
          attended: data.counts.attended,
          waitlisted: data.counts.waitlisted,
        })}{' '}
        <a href={`/events/${data.event.id}/registrations.csv`} className="text-brand-700 underline">
          {t('manage.csv')}
        </a>
      </p>
      {canCheckIn ? (
        <Form
          method="post"
          {...getFormProps(form)}
          className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-start"
        >
          <input type="hidden" name="intent" value="checkin" />
          <div className="sm:w-64">
            <FormErrors errors={form.errors} />
            <Field
              label={t('fields.code')}
              field={fields.code}
              autoComplete="off"
              hint={t('hints.code')}
            />
          </div>
          <Button type="submit" disabled={busy} className="sm:mt-6">
            {t('manage.checkIn')}
          </Button>
        </Form>
      ) : null}
      {data.registrations.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">{t('manage.noRegistrations')}</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          {/* On a phone each row wraps as a block of its own; from sm up it is a table. */}
          <table className="block min-w-full text-left text-sm sm:table">
            <thead className="hidden border-b border-slate-200 text-xs text-slate-500 sm:table-header-group">
              <tr>
                <th className="py-2 pr-3 font-medium">{t('table.name')}</th>
                <th className="py-2 pr-3 font-medium">{t('table.org')}</th>
                <th className="py-2 pr-3 font-medium">{t('table.status')}</th>
                <th className="py-2 pr-3 font-medium">{t('table.registeredAt')}</th>
                <th className="py-2 pr-3 font-medium">{t('table.position')}</th>
                <th className="py-2 pr-3 font-medium">{t('table.code')}</th>
                <th className="py-2 font-medium">
                  <span className="sr-only">{t('table.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody className="block divide-y divide-slate-100 sm:table-row-group">
              {data.registrations.map((r) => (
                <tr
                  key={r.id}
                  className="flex flex-wrap items-center gap-x-3 gap-y-1 py-3 sm:table-row sm:py-0"
                >
                  <td className="font-medium sm:py-2 sm:pr-3">{r.name}</td>
                  <td className="text-slate-600 sm:py-2 sm:pr-3">{r.orgName ?? '—'}</td>
                  <td className="sm:py-2 sm:pr-3">
                    <span className={`${badge} ${regStyles[r.status] ?? ''}`}>
                      {t(`registration.${r.status}`)}
                    </span>
                  </td>
                  <td className="whitespace-nowrap text-slate-600 sm:py-2 sm:pr-3">
                    {formatDateTime(r.createdAt, lng)}
                  </td>
                  <td className="sm:py-2 sm:pr-3">
                    {r.position ? (
                      <>
                        <span className="sm:hidden">{t('table.position')} </span>
                        {r.position}
                      </>
                    ) : null}
                  </td>
                  <td className="font-mono sm:py-2 sm:pr-3">{r.checkInCode}</td>
                  <td className="w-full sm:w-auto sm:py-2">
                    {canCheckIn && r.status === 'registered' ? (
                      <ActionForm
                        intent="checkin-row"
                        rowKey={r.id}
                        hidden={{ registrationId: r.id }}
                        label={t('manage.checkInRow')}
                        schema="RegistrationRowSchema"
                      />
                    ) : canCheckIn && r.status === 'attended' ? (
                      <ActionForm
                        intent="undo-checkin"
                        rowKey={r.id}
                        hidden={{ registrationId: r.id }}
                        label={t('manage.undo')}
                        schema="RegistrationRowSchema"
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  )
}

function PresentersCard({ data }: { data: Data }) {
  const { t } = useTranslation('events')
  const resultFor = useResult()
  const busy = useNavigation().state === 'submitting'
  const arrangement = data.arrangement
  const [form, fields] = useForm({
    id: 'add-presenter',
    lastResult: resultFor('add-presenter'),
    validation: checks(() => import('~/domains/hubs/events.schema.ts'), 'PresenterSchema'),
  })
  if (!arrangement) return null
  const campaigns = arrangement.candidates.flatMap((c) =>
    c.campaigns.map((k) => ({ value: k.id, label: `${c.name} · ${k.title}` })),
  )
  return (
    <Card>
      <h2 id="presenters" className="text-lg font-semibold text-slate-900">
        {t('manage.presenters')}
      </h2>
      {arrangement.presenters.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t('detail.noPresenters')}</p>
      ) : (
        <ol className="mt-3 space-y-2">
          {arrangement.presenters.map((p, i) => (
            <li
              key={p.id}
              className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 sm:flex-row sm:items-center sm:justify-between"
            >
              <div className="text-sm">
                <span className="mr-2 font-semibold text-slate-500">{i + 1}.</span>
                <span className="font-medium">{p.orgName}</span>
                {p.campaign ? (
                  <span className="block text-xs text-slate-600">{p.campaign.title}</span>
                ) : null}
              </div>
              {data.editable ? (
                <div className="flex flex-wrap gap-2">
                  {i > 0 ? (
                    <ActionForm
                      intent="presenter-up"
                      rowKey={p.id}
                      hidden={{ presenterId: p.id }}
                      label={t('manage.up')}
                      schema="PresenterRowSchema"
                    />
                  ) : null}
                  {i < arrangement.presenters.length - 1 ? (
                    <ActionForm
                      intent="presenter-down"
                      rowKey={p.id}
                      hidden={{ presenterId: p.id }}
                      label={t('manage.down')}
                      schema="PresenterRowSchema"
                    />
                  ) : null}
                  <ActionForm
                    intent="remove-presenter"
                    rowKey={p.id}
                    hidden={{ presenterId: p.id }}
                    label={t('manage.remove')}
                    schema="PresenterRowSchema"
                  />
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {data.editable ? (
        arrangement.candidates.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t('manage.noCandidates')}</p>
        ) : (
          <Form method="post" {...getFormProps(form)} className="mt-4 space-y-3">
            <input type="hidden" name="intent" value="add-presenter" />
            <FormErrors errors={form.errors} />
            <div className="grid gap-3 sm:grid-cols-2">
              <SelectField
                label={t('fields.presenter')}
                field={fields.orgId}
                placeholder={t('manage.choose')}
                options={arrangement.candidates.map((c) => ({ value: c.orgId, label: c.name }))}
              />
              <SelectField
                label={t('fields.campaign')}
                field={fields.campaignId}
                placeholder={t('manage.noCampaign')}
                options={campaigns}
              />
            </div>
            <Field label={t('fields.pitchTitle')} field={fields.pitchTitle} />
            <Button type="submit" disabled={busy}>
              {t('manage.addPresenter')}
            </Button>
          </Form>
        )
      ) : null}
    </Card>
  )
}

function InvestorsCard({ data }: { data: Data }) {
  const { t } = useTranslation('events')
  const arrangement = data.arrangement
  if (!arrangement) return null
  return (
    <Card>
      <h2 id="investors" className="text-lg font-semibold text-slate-900">
        {t('manage.investors')}
      </h2>
      {arrangement.invited.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t('manage.noInvited')}</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {arrangement.invited.map((i) => (
            <li
              key={i.profileId}
              className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 text-sm sm:flex-row sm:items-center sm:justify-between"
            >
              <span>
                <span className="font-medium">{i.name}</span>{' '}
                <span className="text-slate-500">· {t(`investorKind.${i.kind}`)}</span>
                {i.visibility !== 'public' ? (
                  <span className="block text-xs text-slate-500">{t('manage.notListed')}</span>
                ) : null}
              </span>
              {data.editable ? (
                <ActionForm
                  intent="uninvite"
                  rowKey={i.profileId}
                  hidden={{ investorProfileId: i.profileId }}
                  label={t('manage.uninvite')}
                  schema="InviteSchema"
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {data.editable ? (
        <>
          <Form method="get" className="mt-4 flex flex-col gap-2 sm:flex-row sm:items-end">
            <div className="sm:w-72">
              <label htmlFor="investor-q" className="block text-sm font-medium text-slate-800">
                {t('manage.findInvestor')}
              </label>
              <input
                id="investor-q"
                name="q"
                defaultValue={data.q}
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
              />
            </div>
            <Button type="submit" variant="secondary">
              {t('manage.search')}
            </Button>
          </Form>
          {data.investors.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600">{t('manage.noInvestors')}</p>
          ) : (
            <ul className="mt-3 divide-y divide-slate-100">
              {data.investors.map((i) => (
                <li
                  key={i.id}
                  className="flex flex-col gap-2 py-2 text-sm sm:flex-row sm:items-center sm:justify-between"
                >
                  <span>
                    <span className="font-medium">{i.name}</span>{' '}
                    <span className="text-slate-500">· {t(`investorKind.${i.kind}`)}</span>
                  </span>
                  <ActionForm
                    intent="invite"
                    rowKey={i.id}
                    hidden={{ investorProfileId: i.id }}
                    label={t('manage.invite')}
                    schema="InviteSchema"
                  />
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </Card>
  )
}
