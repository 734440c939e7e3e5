// /intros: the intro requests of every side the person speaks for (themselves as an investor,
// the investment firms and startups they own or administer), received and sent.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { IntroStatusBadge } from '~/components/deals/intro-status.tsx'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { listIntros, type IntroListItem } from '~/domains/deals/intros.server.ts'
import { fallbackLanguage, type Language } from '~/i18n/config.ts'
import { formatDate } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  return listIntros(auth.user.id)
}

export const meta: MetaFunction = () => [{ title: '引荐 · 众创 Zhongchuang' }]

function IntroList({
  items,
  empty,
  lng,
}: {
  items: IntroListItem[]
  empty: string
  lng: Language
}) {
  const { t } = useTranslation('intros')
  if (items.length === 0) return <p className="mt-2 text-sm text-slate-600">{empty}</p>
  return (
    <ul className="mt-2 divide-y divide-slate-100">
      {items.map((i) => (
        <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
          <div className="min-w-0">
            <Link to={`/intros/${i.id}`} className="font-medium">
              {t('list.with', { name: i.counterpart })}
            </Link>
            <p className="text-sm text-slate-600">
              {t('list.onBehalfOf', { name: i.onBehalfOf })} · {formatDate(i.createdAt, lng)}
            </p>
          </div>
          <IntroStatusBadge status={i.status} />
        </li>
      ))}
    </ul>
  )
}

export default function IntrosPage() {
  const { t } = useTranslation('intros')
  const data = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const nobody = !data.speaksFor.investor && !data.speaksFor.startup
  return (
    <div className="space-y-6">
      <PageTitle sub={t('list.sub')}>{t('list.title')}</PageTitle>
      {nobody ? (
        <Card>
          <p className="text-slate-700">{t('list.nobody')}</p>
          <p className="mt-3 flex flex-wrap gap-4 text-sm">
            <Link to="/investors">{t('list.findInvestors')}</Link>
          </p>
        </Card>
      ) : (
        <>
          <p className="flex flex-wrap gap-4 text-sm">
            {data.speaksFor.startup ? <Link to="/investors">{t('list.findInvestors')}</Link> : null}
            {data.speaksFor.investor ? <Link to="/deals">{t('list.findDeals')}</Link> : null}
          </p>
          <div className="grid gap-6 lg:grid-cols-2">
            <Card>
              <h2 className="text-lg font-semibold">{t('list.received')}</h2>
              <IntroList items={data.received} empty={t('list.noneReceived')} lng={lng} />
            </Card>
            <Card>
              <h2 className="text-lg font-semibold">{t('list.sent')}</h2>
              <IntroList items={data.sent} empty={t('list.noneSent')} lng={lng} />
            </Card>
          </div>
        </>
      )}
    </div>
  )
}
