// All maker spaces as cards: kind along the incubation chain, filing level, focus segments,
// operator and active members. Organisations that may run a space see a link to create one.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SpaceBadges } from '~/components/space-badges.tsx'
import { PageTitle } from '~/components/ui/form.tsx'
import { actingParty, getAuth, membershipOf } from '~/domains/accounts/auth.server.ts'
import { checkOrgPermission } from '~/domains/accounts/permissions.ts'
import { segmentName } from '~/domains/spaces/segments.ts'
import { listSpaces } from '~/domains/spaces/spaces.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatNumber } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const [auth, spaces] = await Promise.all([getAuth(request), listSpaces()])
  const acting = auth ? actingParty(auth) : null
  const membership = auth && acting?.kind === 'org' ? membershipOf(auth, acting.orgId) : undefined
  const canCreate = membership ? checkOrgPermission(membership, 'create:space:own') === null : false
  return { spaces, canCreate }
}

export const meta: MetaFunction = () => [{ title: '众创空间 · 众创 Zhongchuang' }]

export default function SpacesPage() {
  const { t } = useTranslation('spaces')
  const { spaces, canCreate } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  return (
    <div>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageTitle sub={t('index.sub')}>{t('index.title')}</PageTitle>
        {canCreate ? (
          <Link
            to="/spaces/new"
            className="inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 hover:no-underline"
          >
            {t('index.create')}
          </Link>
        ) : null}
      </div>
      {spaces.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {t('index.empty')}
        </p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {spaces.map((s) => {
            const title = lng === 'en' && s.nameEn ? s.nameEn : s.name
            return (
              <li
                key={s.slug}
                className="flex flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
              >
                <div className="flex flex-wrap gap-1.5">
                  <SpaceBadges kind={s.kind} filing={s.filing} filingCheck={s.filingCheck} />
                </div>
                <h2 className="mt-3 text-lg font-semibold leading-snug text-slate-900">
                  <Link to={`/spaces/${s.slug}`} className="text-slate-900">
                    {title}
                  </Link>
                </h2>
                {title !== s.name ? (
                  <p lang="zh-CN" className="text-sm text-slate-500">
                    {s.name}
                  </p>
                ) : null}
                <p className="mt-1 text-sm text-slate-600">
                  {s.city} · {t('card.operator', { name: s.operator })}
                </p>
                {s.description ? (
                  <p className="mt-3 line-clamp-3 text-sm text-slate-700">{s.description}</p>
                ) : null}
                <div className="mt-3">
                  <h3 className="sr-only">{t('card.segments')}</h3>
                  <ul className="flex flex-wrap gap-1.5">
                    {s.segments.map((code) => (
                      <li
                        key={code}
                        className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700"
                      >
                        {segmentName(code, lng)}
                      </li>
                    ))}
                  </ul>
                </div>
                <p className="mt-auto pt-4 text-sm text-slate-600">
                  {t('card.members', { n: formatNumber(s.members, lng) })}
                </p>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
