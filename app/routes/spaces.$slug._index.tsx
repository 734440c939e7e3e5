// One maker space: who runs it, what it focuses on and offers, and its active members along the
// incubation chain (苗圃 → 孵化器 → 加速器). Space admins get a link to manage members.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SpaceBadges } from '~/components/space-badges.tsx'
import { Card } from '~/components/ui/form.tsx'
import { getAuth, membershipOf } from '~/domains/accounts/auth.server.ts'
import { checkOrgPermission } from '~/domains/accounts/permissions.ts'
import { stages } from '~/domains/spaces/membership.machine.ts'
import { segmentName } from '~/domains/spaces/segments.ts'
import { getSpace, spaceMembers } from '~/domains/spaces/spaces.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDate } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await getSpace(params.slug ?? '')
  if (!found) throw new Response('', { status: 404 })
  const [auth, members] = await Promise.all([getAuth(request), spaceMembers(found.space.id)])
  const membership = auth ? membershipOf(auth, found.operator.id) : undefined
  const canManage = membership ? checkOrgPermission(membership, 'manage:space:own') === null : false
  const { space, operator } = found
  return {
    space: {
      slug: space.slug,
      name: space.name,
      nameEn: space.nameEn,
      city: space.city,
      kind: space.kind,
      filing: space.filing,
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
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.space.name} · 众创 Zhongchuang` : '众创空间 · 众创 Zhongchuang' },
  ...(data?.space.description
    ? [{ name: 'description', content: data.space.description.slice(0, 160) }]
    : []),
]

export default function SpacePage() {
  const { t } = useTranslation('spaces')
  const { space, operator, members, canManage } = useLoaderData<typeof loader>()
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
          <SpaceBadges kind={space.kind} filing={space.filing} />
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
        {canManage ? (
          <div className="mt-4">
            <Link
              to={`/spaces/${space.slug}/members`}
              className="inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 hover:no-underline"
            >
              {t('detail.manage')}
            </Link>
          </div>
        ) : null}
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
