// /deals: the deal feed of the investor the person acts for (themselves, or their firm when
// acting for it): verified startups ranked by fit with the investor's thesis, each with the
// reasons and its live campaign's teaser. Anyone not acting as an investor is told how to.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DealCard, Pager } from '~/components/deals/fit-cards.tsx'
import { Notice, PageTitle } from '~/components/ui/form.tsx'
import { now } from '~/clock.server.ts'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { dealFeed, DEALS_PAGE_SIZE, investorFilters } from '~/domains/deals/matching.server.ts'
import { requestLanguage } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const { page } = investorFilters(new URL(request.url).searchParams)
  const lng = await requestLanguage(request)
  const feed = await dealFeed(auth, { page, pageSize: DEALS_PAGE_SIZE }, lng)
  return { feed, nowMs: now().getTime() }
}

export const meta: MetaFunction = () => [{ title: '项目推荐 · 众创 Zhongchuang' }]

export default function DealsPage() {
  const { t } = useTranslation('intros')
  const { feed, nowMs } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  if (!feed)
    return (
      <div className="space-y-6">
        <PageTitle>{t('deals.title')}</PageTitle>
        <Notice>{t('deals.noInvestor')}</Notice>
        <Link to="/investors/profile">{t('deals.createProfile')}</Link>
      </div>
    )
  return (
    <div className="space-y-6">
      <PageTitle sub={t('deals.sub', { investor: feed.investor.displayName })}>
        {t('deals.title')}
      </PageTitle>
      <section aria-labelledby="deal-results">
        <h2 id="deal-results" className="text-sm text-slate-600">
          {t('deals.count', { count: feed.total })}
        </h2>
        {feed.items.length === 0 ? (
          <div className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
            {t('deals.none')}
          </div>
        ) : (
          <ul className="mt-3 grid gap-3 lg:grid-cols-2">
            {feed.items.map((deal) => (
              <DealCard key={deal.orgId} deal={deal} lng={lng} nowMs={nowMs} />
            ))}
          </ul>
        )}
        <Pager
          page={feed.page}
          pages={feed.pages}
          href={(p) => (p > 1 ? `/deals?page=${p}` : '/deals')}
        />
      </section>
    </div>
  )
}
