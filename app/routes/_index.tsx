// The home page: what the platform is, its three marketplaces and its spaces, with live figures.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { listSpaces } from '~/domains/spaces/spaces.server.ts'
import { homeCounts } from '~/domains/web/home.server.ts'
import { remembered } from '~/domains/web/remembered.server.ts'
import { formatNumber } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader(_: LoaderFunctionArgs) {
  // The same for every visitor and slow to change: kept for a minute (remembered.server.ts).
  const [counts, spaces] = await remembered('home', 60, () =>
    Promise.all([homeCounts(), listSpaces({ limit: 6 })]),
  )
  return { counts, spaces }
}

export const meta: MetaFunction = () => [
  { title: '众创 Zhongchuang · 专业化众创空间平台' },
  {
    name: 'description',
    content: '创新挑战众包、科研仪器开放共享、股权众筹与天使投资对接的专业化众创空间平台。',
  },
]

// Simple line icons drawn inline: no icon font or emoji font needed.
const icons = {
  challenges: 'M12 2v4m0 12v4M2 12h4m12 0h4M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z',
  equipment: 'M9 3h6M10 3v6l-5 9a2 2 0 0 0 1.8 3h10.4a2 2 0 0 0 1.8-3l-5-9V3M7.5 15h9',
  campaigns: 'M3 17l6-6 4 4 8-8M15 7h6v6',
} as const

const markets = [
  { key: 'challenges', to: '/challenges' },
  { key: 'equipment', to: '/equipment' },
  { key: 'campaigns', to: '/campaigns' },
] as const

export default function Home() {
  const { t } = useTranslation()
  const { counts, spaces } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? 'zh-CN'
  const figures = [
    { key: 'orgs', value: counts.orgs },
    { key: 'spaces', value: counts.spaces },
    { key: 'startups', value: counts.startups },
    { key: 'members', value: counts.members },
  ] as const
  return (
    <div className="space-y-10">
      <section className="rounded-2xl bg-gradient-to-br from-brand-700 to-brand-600 px-6 py-10 text-white sm:px-10">
        <h1 className="text-3xl font-bold sm:text-4xl">{t('home.title')}</h1>
        <p className="mt-3 max-w-2xl text-brand-50">{t('home.lead')}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link
            to="/signup"
            className="rounded-md bg-white px-4 py-2 font-medium text-brand-800 hover:no-underline"
          >
            {t('home.join')}
          </Link>
          <Link
            to="/spaces"
            className="rounded-md border border-white/60 px-4 py-2 font-medium text-white hover:no-underline"
          >
            {t('home.browseSpaces')}
          </Link>
        </div>
      </section>
      <section aria-labelledby="figures">
        <h2 id="figures" className="sr-only">
          {t('home.figures')}
        </h2>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          {figures.map((f) => (
            <div
              key={f.key}
              className="rounded-lg border border-slate-200 bg-white p-4 text-center"
            >
              <dt className="text-sm text-slate-600">{t(`home.counts.${f.key}`)}</dt>
              <dd className="mt-1 text-2xl font-bold text-brand-700" data-testid={`count-${f.key}`}>
                {formatNumber(f.value, lng)}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="markets">
        <h2 id="markets" className="text-xl font-semibold">
          {t('home.marketsTitle')}
        </h2>
        <div className="mt-4 grid gap-4 md:grid-cols-3">
          {markets.map((m) => (
            <Link
              key={m.key}
              to={m.to}
              className="group rounded-lg border border-slate-200 bg-white p-5 text-slate-900 hover:border-brand-600 hover:no-underline"
            >
              <svg
                aria-hidden
                viewBox="0 0 24 24"
                className="h-8 w-8 rounded-md bg-brand-50 p-1.5 text-brand-700"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.8"
                strokeLinecap="round"
                strokeLinejoin="round"
              >
                <path d={icons[m.key]} />
              </svg>
              <h3 className="mt-2 text-lg font-semibold group-hover:text-brand-700">
                {t(`home.markets.${m.key}.title`)}
              </h3>
              <p className="mt-1 text-sm text-slate-600">{t(`home.markets.${m.key}.body`)}</p>
              <p className="mt-3 text-xs text-slate-500">{t(`home.markets.${m.key}.who`)}</p>
            </Link>
          ))}
        </div>
      </section>
      {spaces.length > 0 ? (
        <section aria-labelledby="spaces">
          <div className="flex items-baseline justify-between">
            <h2 id="spaces" className="text-xl font-semibold">
              {t('home.spacesTitle')}
            </h2>
            <Link to="/spaces" className="text-sm">
              {t('home.allSpaces')}
            </Link>
          </div>
          <ul className="mt-4 grid gap-4 md:grid-cols-3">
            {spaces.map((s) => (
              <li key={s.slug} className="rounded-lg border border-slate-200 bg-white p-4">
                <Link to={`/spaces/${s.slug}`} className="font-semibold">
                  {lng === 'en' && s.nameEn ? s.nameEn : s.name}
                </Link>
                <p className="mt-1 text-sm text-slate-600">
                  {s.city} · {t(`spaceKinds.${s.kind}`)} ·{' '}
                  {t('home.activeMembers', { count: s.members })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}
