// /events: upcoming events of every space (路演, training, contests, open days), filtered by kind
// and space with a plain GET form so it works without JavaScript.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { EventCard } from '~/components/events/event-card.tsx'
import { Button, Card, PageTitle } from '~/components/ui/form.tsx'
import { getAuth } from '~/domains/accounts/auth.server.ts'
import { eventKinds } from '~/domains/hubs/hub.machine.ts'
import { searchParamsOf } from '~/domains/web/request.server.ts'
import { z } from 'zod'
import { spacesWithUpcomingEvents, upcomingEvents } from '~/domains/hubs/event-queries.server.ts'

// The filter form's values: a kind from the list, a space by its slug.
const FiltersSchema = z.object({
  kind: z.enum(eventKinds).optional(),
  space: z.string().max(60).optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const { kind, space } = searchParamsOf(request, FiltersSchema)
  const [events, spaces, auth] = await Promise.all([
    upcomingEvents({ kind, spaceSlug: space }),
    spacesWithUpcomingEvents(),
    getAuth(request),
  ])
  return {
    events,
    spaces,
    filter: { kind: kind ?? '', space: space ?? '' },
    signedIn: Boolean(auth),
  }
}

export const meta: MetaFunction = () => [{ title: '活动与路演 · 众创 Zhongchuang' }]

const selectClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm'

export default function EventsPage() {
  const { t } = useTranslation('events')
  const { events, spaces, filter, signedIn } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-6">
      <PageTitle sub={t('list.sub')}>{t('list.title')}</PageTitle>
      {signedIn ? (
        <p className="text-sm">
          <Link to="/events/mine">{t('list.mine')}</Link>
        </p>
      ) : null}
      <Card>
        <Form method="get" className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
          <div>
            <label htmlFor="filter-kind" className="block text-sm font-medium text-slate-800">
              {t('fields.kind')}
            </label>
            <select id="filter-kind" name="kind" defaultValue={filter.kind} className={selectClass}>
              <option value="">{t('list.allKinds')}</option>
              {eventKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-space" className="block text-sm font-medium text-slate-800">
              {t('list.space')}
            </label>
            <select
              id="filter-space"
              name="space"
              defaultValue={filter.space}
              className={selectClass}
            >
              <option value="">{t('list.allSpaces')}</option>
              {spaces.map((s) => (
                <option key={s.slug} value={s.slug}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary">
            {t('list.filter')}
          </Button>
        </Form>
      </Card>
      {events.length === 0 ? (
        <p className="text-sm text-slate-600">{t('list.empty')}</p>
      ) : (
        <ul className="space-y-3">
          {events.map((e) => (
            <EventCard key={e.id} event={e} />
          ))}
        </ul>
      )}
    </div>
  )
}
