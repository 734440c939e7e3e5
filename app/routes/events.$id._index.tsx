// /events/:id: one event. Everyone sees what, when (Beijing time), where, seats left and the
// waiting list; for roadshows the presenting startups in running order and the invited investors
// whose profiles are public. A signed-in member registers (alone or for the acting organisation)
// or cancels, and sees their status, place on the waiting list and check-in code; the online
// link is shown only to people holding a seat.
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
  useNavigation,
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { badge, KindBadge, StatusBadge } from '~/components/events/event-card.tsx'
import { Button, Card, FormErrors, Notice } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { actingParty, getAuth, requireMember } from '~/domains/accounts/auth.server.ts'
import { isSpaceAdmin } from '~/domains/spaces/spaces.server.ts'
import { eventPage, eventWithSpace } from '~/domains/hubs/event-queries.server.ts'
import {
  cancelMyRegistration,
  registerForEvent,
} from '~/domains/hubs/event-registrations.server.ts'
import {
  CancelRegistrationSchema as CancelSchema,
  RegisterSchema,
} from '~/domains/hubs/events.schema.ts'
import { UserError } from '~/domains/problems.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await eventWithSpace(params.id ?? '')
  if (!found) throw new Response('', { status: 404 })
  const auth = await getAuth(request)
  const isAdmin = isSpaceAdmin(auth, found.space.operatorOrgId)
  const acting = auth ? actingParty(auth) : null
  const actingOrg =
    acting?.kind === 'org' ? auth?.memberships.find((m) => m.orgId === acting.orgId) : undefined
  const page = await eventPage(
    found.event.id,
    auth
      ? {
          userId: auth.user.id,
          actingOrgId: actingOrg?.orgId ?? null,
          actingOrgName: actingOrg?.name ?? null,
        }
      : null,
    isAdmin,
  )
  if (!page) throw new Response('', { status: 404 })
  return {
    ...page,
    isAdmin,
    signedIn: Boolean(auth),
    actingOrgName: actingOrg?.name ?? null,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const found = await eventWithSpace(params.id ?? '')
  if (!found) throw new Response('', { status: 404 })
  // A draft is its space admins' only, as on the page (docs/decisions/0021).
  if (found.event.status === 'draft' && !isSpaceAdmin(auth, found.space.operatorOrgId))
    throw new Response('', { status: 404 })
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const back = `/events/${found.event.id}`
  if (intent === 'register') {
    const submission = parseWithZod(formData, { schema: RegisterSchema })
    if (submission.status !== 'success') return { intent, result: submission.reply() }
    const acting = actingParty(auth)
    try {
      if (submission.value.as === 'org' && acting.kind !== 'org')
        throw new UserError('events:errors.notYourOrg')
      const r = await registerForEvent({
        eventId: found.event.id,
        userId: auth.user.id,
        orgId: submission.value.as === 'org' && acting.kind === 'org' ? acting.orgId : null,
        ip: clientIp(context),
      })
      return redirect(`${back}?notice=${r.status}`)
    } catch (error) {
      const { status, result } = replyWithError(submission, error)
      return Response.json({ intent, result }, { status })
    }
  }
  if (intent === 'cancel') {
    const submission = parseWithZod(formData, { schema: CancelSchema })
    if (submission.status !== 'success') return { intent, result: submission.reply() }
    try {
      await cancelMyRegistration({ eventId: found.event.id, userId: auth.user.id })
      return redirect(`${back}?notice=cancelled`)
    } catch (error) {
      const { status, result } = replyWithError(submission, error)
      return Response.json({ intent, result }, { status })
    }
  }
  throw new Response('', { status: 400 })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.event.title} · 众创 Zhongchuang` : '活动 · 众创 Zhongchuang' },
  ...(data ? [{ name: 'description', content: data.event.summary.slice(0, 160) }] : []),
]

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type Result = SubmissionResult<string[]> | undefined
const notices = ['registered', 'waitlisted', 'cancelled']

export default function EventPage() {
  const { t } = useTranslation('events')
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const { event, space, presenters, invited } = data
  const notice = searchParams.get('notice')
  const resultFor = (intent: string): Result =>
    actionData && actionData.intent === intent ? actionData.result : undefined
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to={`/spaces/${space.slug}/events`}>{t('detail.back', { name: space.name })}</Link>
      </nav>
      <header>
        <div className="flex flex-wrap items-center gap-1.5">
          <KindBadge kind={event.kind} />
          {event.status !== 'published' ? <StatusBadge status={event.status} /> : null}
          {event.audience === 'members' ? (
            <span className={`${badge} bg-slate-50 text-slate-700 ring-slate-200`}>
              {t('audience.members')}
            </span>
          ) : null}
        </div>
        <h1 className="mt-3 text-2xl font-bold text-slate-900">{event.title}</h1>
        <p className="mt-1 text-slate-600">{event.summary}</p>
      </header>
      {notice && notices.includes(notice) ? (
        <Notice tone="success">{t(`notice.${notice}`)}</Notice>
      ) : null}
      {event.status === 'cancelled' ? (
        <Notice tone="error">
          {t('detail.cancelled')}
          {event.cancelReason ? ` ${t('detail.reason', { reason: event.cancelReason })}` : ''}
        </Notice>
      ) : null}
      {data.isAdmin ? (
        <p className="text-sm">
          <Link to={`/events/${event.id}/manage`} className="font-medium">
            {t('detail.manage')}
          </Link>
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-6">
          <Card>
            <dl className="grid gap-3 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-slate-500">{t('detail.when')}</dt>
                <dd className="mt-0.5 font-medium">
                  {formatDateTime(event.startsAt, lng)} – {formatDateTime(event.endsAt, lng)}
                  <span className="block text-xs font-normal text-slate-500">
                    {t('detail.beijing')}
                  </span>
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t('detail.where')}</dt>
                <dd className="mt-0.5 font-medium">
                  {event.place ? <span className="block">{event.place}</span> : null}
                  {event.hasOnline ? (
                    event.onlineUrl ? (
                      <a href={event.onlineUrl} className="block break-all" rel="noreferrer">
                        {t('detail.onlineLink')}
                      </a>
                    ) : (
                      <span className="block text-slate-600">{t('detail.onlineHidden')}</span>
                    )
                  ) : null}
                </dd>
              </div>
              {event.status !== 'cancelled' ? (
                <div>
                  <dt className="text-slate-500">{t('detail.capacity')}</dt>
                  <dd className="mt-0.5 font-medium">
                    {event.status === 'held'
                      ? t('detail.heldCount', { count: event.seatsTaken })
                      : t('detail.seats', { left: event.seatsLeft, capacity: event.capacity })}
                    {event.status === 'published' && event.waitlisted > 0 ? (
                      <span className="block text-xs font-normal text-slate-600">
                        {t('detail.waiting', { count: event.waitlisted })}
                      </span>
                    ) : null}
                  </dd>
                </div>
              ) : null}
              {event.registrationClosesAt && event.status === 'published' ? (
                <div>
                  <dt className="text-slate-500">{t('detail.closesAt')}</dt>
                  <dd className="mt-0.5 font-medium">
                    {formatDateTime(event.registrationClosesAt, lng)}
                  </dd>
                </div>
              ) : null}
            </dl>
            <p className="mt-4 text-sm">
              <a href={`/events/${event.id}.ics`} className="text-brand-700 underline">
                {t('detail.ics')}
              </a>
            </p>
          </Card>

          {event.description ? (
            <Card>
              <h2 className="text-lg font-semibold text-slate-900">{t('detail.about')}</h2>
              <div className="mt-2 whitespace-pre-line text-sm leading-relaxed text-slate-800">
                {event.description}
              </div>
            </Card>
          ) : null}

          {event.kind === 'roadshow' ? (
            <Card>
              <h2 className="text-lg font-semibold text-slate-900">{t('detail.presenters')}</h2>
              {presenters.length === 0 ? (
                <p className="mt-2 text-sm text-slate-600">{t('detail.noPresenters')}</p>
              ) : (
                <ol className="mt-3 space-y-2">
                  {presenters.map((p, i) => (
                    <li key={p.id} className="flex gap-3 text-sm">
                      <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-700">
                        {i + 1}
                      </span>
                      <div>
                        {p.orgSlug ? (
                          <Link to={`/startups/${p.orgSlug}`} className="font-medium">
                            {p.orgName}
                          </Link>
                        ) : (
                          <span className="font-medium">{p.orgName}</span>
                        )}
                        {p.pitchTitle ? (
                          <span className="text-slate-600"> · {p.pitchTitle}</span>
                        ) : null}
                        {p.campaign ? (
                          <span className="block text-xs">
                            {t('detail.campaign')}{' '}
                            <Link to={`/campaigns/${p.campaign.slug}`}>{p.campaign.title}</Link>
                          </span>
                        ) : null}
                      </div>
                    </li>
                  ))}
                </ol>
              )}
              {invited.length > 0 ? (
                <>
                  <h3 className="mt-5 text-sm font-semibold text-slate-900">
                    {t('detail.invited')}
                  </h3>
                  <ul className="mt-2 flex flex-wrap gap-2">
                    {invited.map((i) => (
                      <li key={i.profileId}>
                        <Link
                          to={`/investors/${i.profileId}`}
                          className="inline-block rounded-full border border-slate-200 px-3 py-1 text-sm"
                        >
                          {i.name}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </Card>
          ) : null}
        </div>

        {/* On a phone the registration comes first: it is what the visitor came to do. */}
        <aside className="order-first lg:order-none">
          <Card>
            <h2 className="text-lg font-semibold text-slate-900">{t('detail.registration')}</h2>
            <RegistrationPanel data={data} resultFor={resultFor} />
          </Card>
        </aside>
      </div>
    </div>
  )
}

function RegistrationPanel({
  data,
  resultFor,
}: {
  data: Data
  resultFor: (intent: string) => Result
}) {
  const { t } = useTranslation('events')
  const { event, mine } = data
  const location = `/events/${event.id}`
  if (mine) {
    const seated = mine.status === 'registered' || mine.status === 'attended'
    return (
      <div className="mt-3 space-y-3 text-sm">
        <p>
          {t('detail.yourStatus')}{' '}
          <span className="font-semibold">{t(`registration.${mine.status}`)}</span>
          {mine.orgName ? (
            <span className="text-slate-600"> · {t('mine.for', { org: mine.orgName })}</span>
          ) : null}
        </p>
        {mine.status === 'waitlisted' && mine.position ? (
          <p className="text-amber-900">{t('mine.position', { position: mine.position })}</p>
        ) : null}
        {seated ? (
          <div>
            <p className="text-slate-600">{t('detail.codeHelp')}</p>
            <p
              data-testid="check-in-code"
              className="mt-1 inline-block rounded bg-slate-100 px-3 py-1 font-mono text-2xl font-semibold tracking-widest"
            >
              {mine.checkInCode}
            </p>
          </div>
        ) : null}
        {(mine.status === 'registered' || mine.status === 'waitlisted') &&
        event.status === 'published' ? (
          <CancelForm lastResult={resultFor('cancel')} />
        ) : null}
      </div>
    )
  }
  if (!data.signedIn) {
    return (
      <p className="mt-3 text-sm">
        {event.status === 'published' ? (
          <Link to={`/login?redirectTo=${encodeURIComponent(location)}`}>{t('detail.login')}</Link>
        ) : (
          t(data.refusal ?? 'events:errors.notOpen')
        )}
      </p>
    )
  }
  if (data.refusal) {
    return <p className="mt-3 text-sm text-slate-700">{t(data.refusal)}</p>
  }
  return (
    <RegisterForm
      full={event.seatsLeft === 0}
      actingOrgName={data.actingOrgName}
      invited={data.youAreInvited}
      lastResult={resultFor('register')}
    />
  )
}

function RegisterForm({
  full,
  actingOrgName,
  invited,
  lastResult,
}: {
  full: boolean
  actingOrgName: string | null
  invited: boolean
  lastResult: Result
}) {
  const { t } = useTranslation('events')
  const busy = useNavigation().state === 'submitting'
  const [form] = useForm({
    id: 'register',
    lastResult,
    validation: checks(() => import('~/domains/hubs/events.schema.ts'), 'RegisterSchema'),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3 text-sm">
      <input type="hidden" name="intent" value="register" />
      <FormErrors errors={form.errors} />
      {invited ? <p className="text-brand-800">{t('detail.youAreInvited')}</p> : null}
      {full ? <p className="text-amber-900">{t('detail.fullJoinWaitlist')}</p> : null}
      {actingOrgName ? (
        <fieldset className="space-y-1">
          <legend className="font-medium text-slate-800">{t('detail.registerAs')}</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="as" value="org" defaultChecked />
            {t('detail.asOrg', { org: actingOrgName })}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="as" value="person" />
            {t('detail.asPerson')}
          </label>
        </fieldset>
      ) : (
        <input type="hidden" name="as" value="person" />
      )}
      <Button type="submit" className="w-full" disabled={busy}>
        {full ? t('detail.joinWaitlist') : t('detail.register')}
      </Button>
    </Form>
  )
}

function CancelForm({ lastResult }: { lastResult: Result }) {
  const { t } = useTranslation('events')
  const busy = useNavigation().state === 'submitting'
  const [form] = useForm({
    id: 'cancel-registration',
    lastResult,
    validation: checks(() => import('~/domains/hubs/events.schema.ts'), 'CancelRegistrationSchema'),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <input type="hidden" name="intent" value="cancel" />
      <input type="hidden" name="confirm" value="yes" />
      <FormErrors errors={form.errors} />
      <Button type="submit" variant="secondary" className="w-full" disabled={busy}>
        {t('detail.cancelRegistration')}
      </Button>
    </Form>
  )
}
