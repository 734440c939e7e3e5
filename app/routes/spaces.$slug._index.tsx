// One maker space, the public's window on it: who runs it, what it focuses on and offers, this
// year's headline figures, its upcoming events, its active members along the incubation chain
// (苗圃 → 孵化器 → 加速器) and its own search. Space admins get links to manage and to the dashboard.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { EventCard } from '~/components/events/event-card.tsx'
import { SpaceBadges } from '~/components/space-badges.tsx'
import { Card } from '~/components/ui/form.tsx'
import { getAuth } from '~/domains/accounts/auth.server.ts'
import { stages } from '~/domains/spaces/membership.machine.ts'
import { segmentName } from '~/domains/spaces/segments.ts'
import { headlineFigures } from '~/domains/spaces/figures.server.ts'
import { remembered } from '~/domains/web/remembered.server.ts'
import { getSpace, isSpaceAdmin, spaceMembers } from '~/domains/spaces/spaces.server.ts'
import { upcomingSpaceEvents } from '~/domains/hubs/event-queries.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDate } from '~/i18n/format.ts'
import { formatFigure } from '~/domains/spaces/figures-format.ts'
import { useRootData } from '~/root.tsx'
import { FacetPanel, HitCard } from '~/components/search-results.tsx'
import { Notice } from '~/components/ui/form.tsx'
import { SearchParamsSchema, searchOfferings } from '../../search/query.server.ts'
import { searchParamsOf } from '~/domains/web/request.server.ts'
import { withUnderstanding } from '../../search/understand.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await getSpace(params.slug ?? '')
  if (!found) throw new Response('', { status: 404 })
  // The space's own search: every offering in its focus segments, with the same facets.
  // A city or segment named in the words narrows the space's search as it does the site's.
  // The box and the link to the site's search keep the words as typed.
  const typed = {
    ...searchParamsOf(request, SearchParamsSchema, { text: { q: 100 } }),
    perPage: 10,
  }
  const { params: searchParams } = withUnderstanding(typed)
  const [auth, members, search, headline, events] = await Promise.all([
    getAuth(request),
    spaceMembers(found.space.id),
    searchOfferings({ ...searchParams, inSegments: found.space.segments }),
    // The year's figures, the same for every visitor: kept for a minute (remembered.server.ts).
    remembered(`space-headline:${found.space.id}`, 60, () => headlineFigures(found.space.id)),
    upcomingSpaceEvents(found.space.id, 4),
  ])
  const canManage = isSpaceAdmin(auth, found.operator.id)
  const { space, operator } = found
  return {
    space: {
      slug: space.slug,
      name: space.name,
      nameEn: space.nameEn,
      city: space.city,
      kind: space.kind,
      filing: space.filing,
      filingCheck: space.filingCheck,
      segments: space.segments,
      description: space.description,
      services: space.services,
    },
    operator: { name: operator.name, slug: operator.slug },
    members: members.map((m) => ({
      id: m.id,
      stage: m.stage,
      admittedOn: m.admittedOn,
      name: m.orgName ?? m.personName ?? '',
      orgSlug: m.orgSlug,
    })),
    canManage,
    searchParams,
    typedQ: typed.q,
    search,
    headline,
    events,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.space.name} · 众创 Zhongchuang` : '众创空间 · 众创 Zhongchuang' },
  ...(data?.space.description
    ? [{ name: 'description', content: data.space.description.slice(0, 160) }]
    : []),
]

export default function SpacePage() {
  const { t } = useTranslation(['spaces', 'figures'])
  const { space, operator, members, canManage, events } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const title = lng === 'en' && space.nameEn ? space.nameEn : space.name
  const byStage = stages
    .map((stage) => ({ stage, members: members.filter((m) => m.stage === stage) }))
    .filter((g) => g.members.length > 0)
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to="/spaces">{t('detail.back')}</Link>
      </nav>
      <header>
        <div className="flex flex-wrap gap-1.5">
          <SpaceBadges kind={space.kind} filing={space.filing} filingCheck={space.filingCheck} />
        </div>
        <h1 className="mt-3 text-2xl font-bold text-slate-900">{title}</h1>
        {title !== space.name ? (
          <p lang="zh-CN" className="text-slate-600">
            {space.name}
          </p>
        ) : space.nameEn ? (
          <p lang="en" className="text-slate-600">
            {space.nameEn}
          </p>
        ) : null}
        <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:flex sm:flex-wrap">
          <div className="flex gap-2">
            <dt className="text-slate-500">{t('detail.city')}</dt>
            <dd>{space.city}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-slate-500">{t('detail.operator')}</dt>
            <dd>
              <Link to={`/orgs/${operator.slug}`}>{operator.name}</Link>
            </dd>
          </div>
        </dl>
        <div className="mt-3">
          <h2 className="sr-only">{t('detail.segments')}</h2>
          <ul className="flex flex-wrap gap-1.5">
            {space.segments.map((code) => (
              <li key={code} className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {segmentName(code, lng)}
              </li>
            ))}
          </ul>
        </div>
        <div className="mt-4 flex flex-wrap gap-2">
          {[
            { to: `/spaces/${space.slug}/members`, label: t('detail.membersPage') },
            { to: `/spaces/${space.slug}/events`, label: t('detail.events') },
            { to: `/spaces/${space.slug}/mentors`, label: t('detail.mentors') },
            ...(canManage
              ? [
                  { to: `/spaces/${space.slug}/members#manage`, label: t('detail.manage') },
                  { to: `/spaces/${space.slug}/dashboard`, label: t('figures:dashboard.title') },
                  { to: `/spaces/${space.slug}/settings`, label: t('detail.settings') },
                ]
              : []),
          ].map((l) => (
            <Link
              key={l.label}
              to={l.to}
              className="inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 hover:no-underline"
            >
              {l.label}
            </Link>
          ))}
        </div>
      </header>

      {space.description || space.services.length > 0 ? (
        <div className="grid gap-6 lg:grid-cols-3">
          {space.description ? (
            <Card className="lg:col-span-2">
              <h2 className="text-lg font-semibold text-slate-900">{t('detail.about')}</h2>
              <p className="mt-2 whitespace-pre-line text-slate-700">{space.description}</p>
            </Card>
          ) : null}
          {space.services.length > 0 ? (
            <Card>
              <h2 className="text-lg font-semibold text-slate-900">{t('detail.services')}</h2>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
                {space.services.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
      ) : null}

      <Headline />

      <Card>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-lg font-semibold text-slate-900">{t('detail.upcoming')}</h2>
          <Link to={`/spaces/${space.slug}/events`} className="text-sm">
            {t('detail.allEvents')}
          </Link>
        </div>
        {events.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('detail.noUpcoming')}</p>
        ) : (
          <ul className="mt-3 grid gap-3 md:grid-cols-2">
            {events.map((e) => (
              <EventCard key={e.id} event={e} />
            ))}
          </ul>
        )}
      </Card>

      <SpaceSearch />

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">
          {t('detail.members')}{' '}
          <span className="text-sm font-normal text-slate-500">({members.length})</span>
        </h2>
        {byStage.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('detail.noMembers')}</p>
        ) : (
          <div className="mt-3 space-y-5">
            {byStage.map((g) => (
              <section key={g.stage}>
                <h3 className="text-sm font-semibold text-slate-700">
                  {t(`stage.${g.stage}`)}{' '}
                  <span className="font-normal text-slate-500">({g.members.length})</span>
                </h3>
                <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
                  {g.members.map((m) => (
                    <li
                      key={m.id}
                      className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-3 py-2 text-sm"
                    >
                      {m.orgSlug ? (
                        <Link to={`/orgs/${m.orgSlug}`}>{m.name}</Link>
                      ) : (
                        <span className="text-slate-900">{m.name}</span>
                      )}
                      <span className="text-xs text-slate-500">
                        {t('detail.since', { date: formatDate(m.admittedOn, lng) })}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        )}
      </Card>
    </div>
  )
}

/** This year's figures as the operator reports them, so the public sees what the space does. */
function Headline() {
  const { t } = useTranslation('figures')
  const { headline } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const items = [
    { key: 'startupsServed', value: formatFigure(headline.startupsServed, 'count', lng) },
    { key: 'membersNow', value: formatFigure(headline.membersNow, 'count', lng) },
    { key: 'challengesAwarded', value: formatFigure(headline.challengesAwarded, 'count', lng) },
    { key: 'awardValue', value: formatFigure(headline.awardValueFen, 'fen', lng) },
    { key: 'utilisation', value: formatFigure(headline.utilisation, 'ratio', lng) },
    { key: 'moneyRaised', value: formatFigure(headline.moneyRaisedFen, 'fen', lng) },
    { key: 'eventsHeld', value: formatFigure(headline.eventsHeld, 'count', lng) },
  ]
  return (
    <section aria-labelledby="headline-title">
      <h2 id="headline-title" className="text-lg font-semibold text-slate-900">
        {t('headline.title', { year: headline.year })}
      </h2>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        {items.map((i) => (
          <div key={i.key} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
            <dt className="text-xs text-slate-500">{t(`headline.${i.key}`)}</dt>
            <dd className="mt-1 text-lg font-semibold tabular-nums text-slate-900">{i.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

/** The space's own search over its focus segments; a GET form, so it works without JavaScript. */
function SpaceSearch() {
  const { t } = useTranslation()
  const { space, search, searchParams, typedQ } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const base = `/spaces/${space.slug}`
  const href = (key: string, value: string | null) => {
    const next = new URLSearchParams()
    const state: Record<string, string | undefined> = {
      q: searchParams.q || undefined,
      kind: searchParams.kind,
      segment: searchParams.segment,
      city: searchParams.city,
    }
    state[key] = value ?? undefined
    for (const [k, v] of Object.entries(state)) if (v) next.set(k, v)
    const qs = next.toString()
    return qs ? `${base}?${qs}#space-search` : `${base}#space-search`
  }
  return (
    <section
      id="space-search"
      aria-labelledby="space-search-title"
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id="space-search-title" className="text-lg font-semibold text-slate-900">
        {t('searchPage.spaceTitle')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {t('searchPage.spaceSub', {
          segments: space.segments.map((s) => segmentName(s, lng)).join(' · '),
        })}
      </p>
      <form
        method="get"
        action={`${base}#space-search`}
        role="search"
        className="mt-3 flex max-w-xl gap-2"
      >
        <label htmlFor="space-q" className="sr-only">
          {t('search.label')}
        </label>
        <input
          id="space-q"
          name="q"
          type="search"
          defaultValue={typedQ}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2"
        />
        <button className="rounded-md bg-brand-600 px-4 py-2 text-white">
          {t('search.submit')}
        </button>
      </form>
      {search.degraded ? (
        <div className="mt-3">
          <Notice tone="warning">{t('searchPage.degraded')}</Notice>
        </div>
      ) : null}
      <div className="mt-4 grid gap-6 md:grid-cols-[14rem_1fr]">
        <FacetPanel facets={search.facets} current={searchParams} href={href} lng={lng} />
        <div>
          <p className="text-sm text-slate-600">{t('searchPage.all', { count: search.total })}</p>
          <ul className="mt-2 space-y-3">
            {search.hits.map((hit) => (
              <HitCard key={hit.id} hit={hit} lng={lng} />
            ))}
          </ul>
          {search.total > search.hits.length ? (
            <p className="mt-3 text-sm">
              <Link
                to={`/search?${new URLSearchParams({ ...(typedQ ? { q: typedQ } : {}) }).toString()}`}
              >
                {t('searchPage.more')}
              </Link>
            </p>
          ) : null}
        </div>
      </div>
    </section>
  )
}
