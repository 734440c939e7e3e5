// /spaces/:slug/events: the space's upcoming and past events for everyone, a calendar feed, and
// for the space's admins the form that creates an event (saved as a draft or published).
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { EventCard } from '~/components/events/event-card.tsx'
import { EventForm } from '~/components/events/event-form.tsx'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { getAuth, requireOrgPermission } from '~/domains/accounts/auth.server.ts'
import { spaceEventsOverview } from '~/domains/hubs/event-queries.server.ts'
import { EventFormSchema } from '~/domains/hubs/events.schema.ts'
import { createSpaceEvent } from '~/domains/hubs/events.server.ts'
import { getSpace, isSpaceAdmin } from '~/domains/spaces/spaces.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'

async function findSpace(slug: string | undefined) {
  const found = await getSpace(slug ?? '')
  if (!found) throw new Response('', { status: 404 })
  return found
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { space, operator } = await findSpace(params.slug)
  const auth = await getAuth(request)
  const canManage = isSpaceAdmin(auth, operator.id)
  const { upcoming, past } = await spaceEventsOverview(space.id, { withDrafts: canManage })
  return {
    space: { slug: space.slug, name: space.name },
    canManage,
    upcoming,
    past,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { space, operator } = await findSpace(params.slug)
  const { auth } = await requireOrgPermission(request, operator.id, 'manage:space:own')
  const submission = parseWithZod(await request.formData(), { schema: EventFormSchema })
  if (submission.status !== 'success') return submission.reply()
  try {
    const { eventId } = await createSpaceEvent({
      spaceId: space.id,
      actorUserId: auth.user.id,
      form: submission.value,
      ip: clientIp(context),
    })
    const notice = submission.value.intent === 'publish' ? 'published' : 'saved'
    return redirect(`/events/${eventId}/manage?notice=${notice}`)
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json(result, { status })
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `活动 · ${data.space.name} · 众创 Zhongchuang` : '活动 · 众创 Zhongchuang' },
]

export default function SpaceEventsPage() {
  const { t } = useTranslation('events')
  const { space, canManage, upcoming, past } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to={`/spaces/${space.slug}`}>{t('space.back', { name: space.name })}</Link>
      </nav>
      <PageTitle sub={space.name}>{t('space.title')}</PageTitle>
      <p className="text-sm">
        <a href={`/spaces/${space.slug}/events.ics`} className="text-brand-700 underline">
          {t('space.feed')}
        </a>
        <span className="ml-2 text-slate-500">{t('space.feedHint')}</span>
      </p>

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">
          {t('space.upcoming')}{' '}
          <span className="text-sm font-normal text-slate-500">({upcoming.length})</span>
        </h2>
        {upcoming.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('space.noUpcoming')}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {upcoming.map((e) => (
              <EventCard key={e.id} event={e} showStatus={canManage} />
            ))}
          </ul>
        )}
      </Card>

      {canManage ? (
        <Card>
          <details open={Boolean(lastResult)}>
            <summary className="cursor-pointer text-lg font-semibold text-slate-900">
              {t('space.create')}
            </summary>
            <p className="mt-2 text-sm text-slate-600">{t('space.createHelp')}</p>
            <div className="mt-4">
              <EventForm
                id="create-event"
                lastResult={lastResult}
                draft
                defaultValue={{ kind: 'roadshow', audience: 'public', capacity: '50' }}
              />
            </div>
          </details>
        </Card>
      ) : null}

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">
          {t('space.past')}{' '}
          <span className="text-sm font-normal text-slate-500">({past.length})</span>
        </h2>
        {past.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('space.noPast')}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {past.map((e) => (
              <EventCard key={e.id} event={e} showStatus />
            ))}
          </ul>
        )}
      </Card>
    </div>
  )
}
