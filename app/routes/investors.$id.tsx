// An investor's public page: bio, thesis, portfolio and whether they are a verified 合格投资者
// (the badge only, never the evidence). A profile shown only to verified startups is a 404 to
// everyone else. Contacts never appear here: they are shared on an accepted intro's page.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Card } from '~/components/ui/form.tsx'
import { getAuth, notFound } from '~/domains/accounts/auth.server.ts'
import { investorPage } from '~/domains/deals/investor-profile.server.ts'
import { segmentName } from '~/domains/spaces/segments.ts'
import { requestLanguage } from '~/domains/web/request.server.ts'
import { formatDate, formatMoney } from '~/i18n/format.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const [page, lng] = await Promise.all([
    investorPage(params.id ?? '', auth),
    requestLanguage(request),
  ])
  if (!page) throw notFound()
  return { ...page, lng }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.profile.displayName} · 投资人 · 众创 Zhongchuang` : '众创 Zhongchuang' },
]

export default function InvestorPage() {
  const { t } = useTranslation('investors')
  const { profile, verified, own, canRequestIntro, lng } = useLoaderData<typeof loader>()
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <header className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <p className="text-sm text-slate-500">
            {t(`kind.${profile.kind}`)}
            {profile.firm ? (
              <>
                {' · '}
                <Link to={`/orgs/${profile.firm.slug}`}>{profile.firm.name}</Link>
              </>
            ) : null}
          </p>
          <h1 className="text-2xl font-bold text-slate-900">{profile.displayName}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-xs">
            {verified ? (
              <span
                className="rounded-full bg-green-50 px-2 py-0.5 font-medium text-green-800 ring-1 ring-green-200"
                title={t('page.verifiedUntil', { date: formatDate(verified.expiresAt, lng) })}
              >
                ✓ {t('page.verified')}
              </span>
            ) : (
              <span className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-600">
                {t('page.notVerified')}
              </span>
            )}
            {profile.visibility === 'verified_startups' ? (
              <span className="rounded-full bg-amber-50 px-2 py-0.5 text-amber-900 ring-1 ring-amber-200">
                {t('visibility.verified_startups')}
              </span>
            ) : null}
          </div>
        </div>
        <div className="flex shrink-0 flex-col gap-2 sm:items-end">
          {own ? (
            <Link
              to="/investors/profile"
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 hover:no-underline"
            >
              {t('page.edit')}
            </Link>
          ) : null}
          {canRequestIntro ? (
            <Link
              to={`/intros/new?investor=${profile.id}`}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 hover:no-underline"
            >
              {t('page.requestIntro')}
            </Link>
          ) : null}
        </div>
      </header>

      <div className="grid grid-cols-1 gap-6 md:grid-cols-3">
        <div className="space-y-6 md:col-span-2">
          {profile.bio ? (
            <Card>
              <h2 className="text-lg font-semibold text-slate-900">{t('page.about')}</h2>
              <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{profile.bio}</p>
            </Card>
          ) : null}
          <Card>
            <h2 className="text-lg font-semibold text-slate-900">{t('page.portfolio')}</h2>
            {profile.portfolio.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('page.noPortfolio')}</p>
            ) : (
              <ul className="mt-3 divide-y divide-slate-100">
                {profile.portfolio.map((p, i) => (
                  <li key={i} className="py-2">
                    <p className="font-medium text-slate-900">
                      {p.name}
                      {p.year ? (
                        <span className="ml-2 text-sm text-slate-500">{p.year}</span>
                      ) : null}
                    </p>
                    {p.note ? <p className="text-sm text-slate-600">{p.note}</p> : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <Card>
          <h2 className="text-lg font-semibold text-slate-900">{t('page.thesis')}</h2>
          <dl className="mt-3 space-y-3 text-sm">
            <div>
              <dt className="text-xs text-slate-500">{t('fields.thesisSegments')}</dt>
              <dd>
                {profile.thesisSegments.length ? (
                  <ul className="mt-1 flex flex-wrap gap-1">
                    {profile.thesisSegments.map((s) => (
                      <li
                        key={s}
                        className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-800"
                      >
                        {segmentName(s, lng)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  t('page.any')
                )}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t('fields.thesisStages')}</dt>
              <dd className="font-medium text-slate-900">
                {profile.thesisStages.length
                  ? profile.thesisStages.map((s) => t(`stage.${s}`)).join(' · ')
                  : t('page.any')}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t('page.ticket')}</dt>
              <dd className="font-medium text-slate-900">
                {formatMoney(profile.ticketMinFen, lng)} – {formatMoney(profile.ticketMaxFen, lng)}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t('fields.regions')}</dt>
              <dd className="font-medium text-slate-900">
                {profile.regions.length ? profile.regions.join('、') : t('page.anywhere')}
              </dd>
            </div>
          </dl>
        </Card>
      </div>
    </div>
  )
}
