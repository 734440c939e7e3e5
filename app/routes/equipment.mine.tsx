// The instruments of the organisations a person belongs to, each with its status and where to
// go next: edit it (for those who may list), or see it as the public does once it is published.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { desc, inArray } from 'drizzle-orm'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import { equipmentListings } from '../../db/schema/index.ts'
import { Card, Notice, PageTitle } from '~/components/ui/form.tsx'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { checkOrgPermission } from '~/domains/accounts/permissions.ts'
import { HiddenTag } from '~/components/hold-banner.tsx'
import { activeHoldsIn } from '~/domains/moderation/active-hold.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const orgIds = auth.memberships.map((m) => m.orgId)
  const rows =
    orgIds.length === 0
      ? []
      : await db()
          .select({
            id: equipmentListings.id,
            slug: equipmentListings.slug,
            name: equipmentListings.name,
            orgId: equipmentListings.orgId,
            status: equipmentListings.status,
            typeId: equipmentListings.typeId,
            city: equipmentListings.city,
            serviceModes: equipmentListings.serviceModes,
            updatedAt: equipmentListings.updatedAt,
          })
          .from(equipmentListings)
          .where(inArray(equipmentListings.orgId, orgIds))
          .orderBy(desc(equipmentListings.updatedAt))
  const hidden = await activeHoldsIn(
    db(),
    'listing',
    rows.map((r) => r.id),
  )
  const orgs = auth.memberships.map((m) => ({
    id: m.orgId,
    name: m.name,
    mayList: checkOrgPermission(m, 'list:equipment:own') === null,
    // Owners and admins keep the training records of self-service instruments.
    mayTrain: m.role === 'owner' || m.role === 'admin',
    listings: rows
      .filter((r) => r.orgId === m.orgId)
      .map((r) => ({
        ...r,
        updatedAt: r.updatedAt.toISOString(),
        hidden: hidden.has(r.id),
      })),
  }))
  return { orgs }
}

export const meta: MetaFunction = () => [{ title: '我的设备 · 众创 Zhongchuang' }]

const statusTone = {
  draft: 'bg-slate-100 text-slate-700',
  published: 'bg-green-100 text-green-800',
  unpublished: 'bg-amber-100 text-amber-800',
} as const

export default function MyListingsPage() {
  const { t, i18n } = useTranslation([
    'listings',
    'equipment',
    'equipment-dashboard',
    'equipment-care',
  ])
  const { orgs } = useLoaderData<typeof loader>()
  const mayListAny = orgs.some((o) => o.mayList)
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle sub={t('mine.sub')}>{t('mine.title')}</PageTitle>
        {orgs.length > 0 ? (
          <Link to="/equipment/dashboard" className="text-sm">
            {t('equipment-dashboard:owner.link')}
          </Link>
        ) : null}
        {mayListAny ? (
          <Link
            to="/equipment/new"
            className="bg-brand-600 hover:bg-brand-700 rounded-md px-4 py-2 text-sm font-medium text-white no-underline"
          >
            {t('mine.new')}
          </Link>
        ) : null}
      </div>
      {orgs.length === 0 ? (
        <Card>
          <Notice>{t('mine.noOrg')}</Notice>
        </Card>
      ) : null}
      {orgs.map((org) => (
        <Card key={org.id}>
          <h2 className="text-lg font-semibold text-slate-900">{org.name}</h2>
          {org.listings.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t('mine.empty')}</p>
          ) : (
            <ul className="mt-3 divide-y divide-slate-200">
              {org.listings.map((l) => (
                <li key={l.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">{l.name}</p>
                    <p className="text-xs text-slate-500">
                      {l.city} ·{' '}
                      {t('mine.updated', {
                        date: new Date(l.updatedAt).toLocaleDateString(i18n.language, {
                          timeZone: 'Asia/Shanghai',
                        }),
                      })}
                    </p>
                  </div>
                  <div className="flex items-center gap-4 text-sm">
                    <span
                      className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusTone[l.status]}`}
                    >
                      {t(`status.${l.status}`)}
                    </span>
                    {l.hidden ? <HiddenTag /> : null}
                    {/* A nudge, not a block: the type makes the listing findable by all its names. */}
                    {l.status === 'published' && l.typeId === null ? (
                      <Link
                        to={`/equipment/${l.slug}/edit`}
                        className="rounded-full bg-sky-50 px-2 py-0.5 text-xs font-medium text-sky-900 ring-1 ring-sky-200 ring-inset"
                      >
                        {t('equipment:typePicker.missing.tag')}
                      </Link>
                    ) : null}
                    {l.status === 'published' ? (
                      <Link to={`/equipment/${l.slug}`}>{t('mine.view')}</Link>
                    ) : null}
                    {org.mayList ? (
                      <Link to={`/equipment/${l.slug}/edit`}>{t('mine.edit')}</Link>
                    ) : null}
                    {org.mayTrain && l.serviceModes.includes('self_service') ? (
                      <Link to={`/equipment/${l.slug}/training`}>
                        {t('equipment-care:training.link')}
                      </Link>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      ))}
    </div>
  )
}
