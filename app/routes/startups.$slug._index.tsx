// A startup's public profile: one-liner, stage, segments, city, spaces, team, traction and what it
// is raising, with its live campaign's teaser link. Investors see a link to ask for an intro; the
// startup's owners and admins see a link to edit. Unverified startups are seen only by their own.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Card, Notice } from '~/components/ui/form.tsx'
import { getAuth, notFound } from '~/domains/accounts/auth.server.ts'
import { startupPage } from '~/domains/deals/startup-profile.server.ts'
import { segmentName } from '~/domains/spaces/segments.ts'
import { MemberBadges } from '~/components/member-badge.tsx'
import { requestLanguage } from '~/domains/web/request.server.ts'
import { formatDate, formatMoney } from '~/i18n/format.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request)
  const [page, lng] = await Promise.all([
    startupPage(params.slug ?? '', auth),
    requestLanguage(request),
  ])
  if (!page) throw notFound()
  return { ...page, lng }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.org.name} · 众创 Zhongchuang` : '众创 Zhongchuang' },
  ...(data?.profile ? [{ name: 'description', content: data.profile.oneLiner }] : []),
]

export default function StartupPage() {
  const { t } = useTranslation('startups')
  const { org, profile, spaces, liveCampaign, canEdit, canRequestIntro, lng } =
    useLoaderData<typeof loader>()
  const name = lng === 'en' && org.nameEn ? org.nameEn : org.name
  const badges = spaces.map((s) => ({
    spaceSlug: s.slug,
    spaceName: s.name,
    spaceNameEn: s.nameEn,
    stage: s.stage,
  }))
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <header className="flex flex-col gap-4 sm:flex-row sm:items-start">
        {profile?.logoUploadId ? (
          <img
            src={`/uploads/${profile.logoUploadId}`}
            alt={t('page.logoAlt', { name })}
            className="h-20 w-20 shrink-0 rounded-lg border border-slate-200 bg-white object-contain"
          />
        ) : (
          <div
            aria-hidden="true"
            className="flex h-20 w-20 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-3xl font-bold text-brand-700"
          >
            {name.slice(0, 1)}
          </div>
        )}
        <div className="min-w-0 flex-1">
          <h1 className="text-2xl font-bold text-slate-900">{name}</h1>
          {profile ? <p className="mt-1 text-lg text-slate-700">{profile.oneLiner}</p> : null}
          <ul className="mt-2 flex flex-wrap gap-2 text-xs">
            {profile ? (
              <li className="rounded-full bg-brand-50 px-2 py-0.5 font-medium text-brand-800 ring-1 ring-brand-100">
                {t(`stage.${profile.stage}`)}
              </li>
            ) : null}
            {org.segments.map((s) => (
              <li key={s} className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700">
                {segmentName(s, lng)}
              </li>
            ))}
            <li className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700">{org.city}</li>
          </ul>
          <MemberBadges badges={badges} className="mt-2" />
        </div>
        <div className="flex shrink-0 flex-col gap-2 sm:items-end">
          {canEdit ? (
            <Link
              to={`/startups/${org.slug}/edit`}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 hover:no-underline"
            >
              {profile ? t('page.edit') : t('page.create')}
            </Link>
          ) : null}
          {canRequestIntro && profile ? (
            <Link
              to={`/intros/new?startup=${encodeURIComponent(org.slug)}`}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 hover:no-underline"
            >
              {t('page.requestIntro')}
            </Link>
          ) : null}
        </div>
      </header>

      {!org.verified ? <Notice tone="warning">{t('page.unverified')}</Notice> : null}
      {!profile ? <Notice tone="info">{t('page.noProfile')}</Notice> : null}

      {liveCampaign ? (
        <Card className="border-brand-200 bg-brand-50">
          <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">
            {t('page.liveCampaign')}
          </p>
          <p className="mt-1 text-lg font-semibold">
            <Link to={`/campaigns/${liveCampaign.slug}`}>{liveCampaign.title}</Link>
          </p>
          <p className="mt-1 text-sm text-slate-700">{liveCampaign.oneLiner}</p>
        </Card>
      ) : null}

      {profile ? (
        <div className="grid grid-cols-1 gap-6 md:grid-cols-3">
          <div className="space-y-6 md:col-span-2">
            {org.description ? (
              <Card>
                <h2 className="text-lg font-semibold text-slate-900">{t('page.about')}</h2>
                <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{org.description}</p>
              </Card>
            ) : null}
            <Card>
              <h2 className="text-lg font-semibold text-slate-900">{t('page.team')}</h2>
              {profile.team.length === 0 ? (
                <p className="mt-2 text-sm text-slate-600">{t('page.noTeam')}</p>
              ) : (
                <ul className="mt-3 grid gap-4 sm:grid-cols-2">
                  {profile.team.map((m, i) => (
                    <li key={i} className="rounded-md border border-slate-200 p-3">
                      <p className="font-medium text-slate-900">{m.name}</p>
                      <p className="text-sm text-brand-700">{m.role}</p>
                      {m.bio ? <p className="mt-1 text-sm text-slate-600">{m.bio}</p> : null}
                    </li>
                  ))}
                </ul>
              )}
            </Card>
            {profile.traction.length > 0 ? (
              <Card>
                <h2 className="text-lg font-semibold text-slate-900">{t('page.traction')}</h2>
                <dl className="mt-3 grid grid-cols-2 gap-4 sm:grid-cols-3">
                  {profile.traction.map((f, i) => (
                    <div key={i} className="rounded-md bg-slate-50 p-3">
                      <dt className="text-xs text-slate-500">{f.label}</dt>
                      <dd className="mt-1 text-lg font-semibold text-slate-900">{f.value}</dd>
                    </div>
                  ))}
                </dl>
              </Card>
            ) : null}
          </div>
          <div className="space-y-6">
            <Card>
              <h2 className="text-lg font-semibold text-slate-900">{t('page.facts')}</h2>
              <dl className="mt-3 space-y-3 text-sm">
                <Fact label={t('fields.stage')}>{t(`stage.${profile.stage}`)}</Fact>
                {profile.foundedOn ? (
                  <Fact label={t('fields.foundedOn')}>{formatDate(profile.foundedOn, lng)}</Fact>
                ) : null}
                <Fact label={t('fields.city')}>{org.city}</Fact>
                <Fact label={t('fields.companyForm')}>
                  {t(`companyForm.${profile.companyForm}`)}
                </Fact>
                {profile.seekingFen !== null ? (
                  <Fact label={t('fields.seeking')}>{formatMoney(profile.seekingFen, lng)}</Fact>
                ) : null}
                {profile.minTicketFen !== null ? (
                  <Fact label={t('fields.minTicket')}>
                    {formatMoney(profile.minTicketFen, lng)}
                  </Fact>
                ) : null}
              </dl>
            </Card>
            <Card>
              <h2 className="text-lg font-semibold text-slate-900">{t('page.spaces')}</h2>
              {spaces.length === 0 ? (
                <p className="mt-2 text-sm text-slate-600">{t('page.noSpaces')}</p>
              ) : (
                <MemberBadges badges={badges} className="mt-2" />
              )}
              <p className="mt-3 text-sm">
                <Link to={`/orgs/${org.slug}`}>{t('page.orgPage')}</Link>
              </p>
            </Card>
          </div>
        </div>
      ) : null}
    </div>
  )
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-medium text-slate-900">{children}</dd>
    </div>
  )
}
