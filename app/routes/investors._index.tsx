// /investors: for someone acting for a startup with a fundraising profile, the investors it may
// see ranked by fit, with the score and its reasons; for everyone else, the public directory,
// most recently active first. Filters and paging live in the URL (a plain GET form, so it works
// without JavaScript). Cards link to each investor's profile; contacts are never shown here.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { InvestorCard, Pager } from '~/components/deals/fit-cards.tsx'
import { Notice, PageTitle } from '~/components/ui/form.tsx'
import { getAuth } from '~/domains/accounts/auth.server.ts'
import { startupStages } from '~/domains/deals/deals.schema.ts'
import { investorsPage, type InvestorFilters } from '~/domains/deals/matching.server.ts'
import { segmentCodes, segmentOptions } from '~/domains/spaces/segments.ts'
import { requestLanguage, searchParamsOf } from '~/domains/web/request.server.ts'
import { z } from 'zod'
import { fallbackLanguage, type Language } from '~/i18n/config.ts'
import { useRootData } from '~/root.tsx'

// The filter form's values; anything else in the URL is a 400 page.
const FiltersSchema = z.object({
  segment: z
    .string()
    .refine((s) => segmentCodes.has(s))
    .optional(),
  stage: z.enum(startupStages).optional(),
  verified: z.literal('1').optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = searchParamsOf(request, FiltersSchema)
  const filters: InvestorFilters = {
    segment: parsed.segment ?? null,
    stage: parsed.stage ?? null,
    verifiedOnly: parsed.verified === '1',
    page: parsed.page ?? 1,
  }
  const [auth, lng] = await Promise.all([getAuth(request), requestLanguage(request)])
  const page = await investorsPage(auth, filters, lng)
  return { filters, page, signedIn: auth !== null }
}

/** The segment options under their first level, in the classification's order. */
function segmentGroups(lng: Language) {
  const groups = new Map<string, { value: string; label: string }[]>()
  for (const o of segmentOptions(lng)) groups.set(o.group, [...(groups.get(o.group) ?? []), o])
  return [...groups.entries()]
}

export const meta: MetaFunction = () => [{ title: '投资人 · 众创 Zhongchuang' }]

export default function InvestorsPage() {
  const { t } = useTranslation('intros')
  const { filters, page, signedIn } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const filtered = Boolean(filters.segment || filters.stage || filters.verifiedOnly)

  const href = (p: number) => {
    const q = new URLSearchParams()
    if (filters.segment) q.set('segment', filters.segment)
    if (filters.stage) q.set('stage', filters.stage)
    if (filters.verifiedOnly) q.set('verified', '1')
    if (p > 1) q.set('page', String(p))
    const qs = q.toString()
    return qs ? `/investors?${qs}` : '/investors'
  }

  return (
    <div className="space-y-6">
      <PageTitle
        sub={
          page.startup
            ? t('investors.rankedSub', { startup: page.startup.name })
            : t('investors.directorySub')
        }
      >
        {t('investors.title')}
      </PageTitle>
      {page.mode === 'directory' && signedIn ? <Notice>{t('investors.rankedHint')}</Notice> : null}
      {page.startup && !page.startup.verified ? (
        <Notice tone="warning">{t('investors.unverifiedNote')}</Notice>
      ) : null}
      {page.startup && page.startup.verified && !page.startup.manages ? (
        <Notice>{t('investors.memberNote')}</Notice>
      ) : null}
      <Form
        method="get"
        aria-label={t('investors.filters')}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <div className="w-full sm:w-auto">
          <label htmlFor="segment" className="block text-sm font-medium text-slate-800">
            {t('investors.segment')}
          </label>
          <select
            id="segment"
            name="segment"
            defaultValue={filters.segment ?? ''}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm sm:w-64"
          >
            <option value="">{t('investors.anySegment')}</option>
            {segmentGroups(lng).map(([group, options]) => (
              <optgroup key={group} label={group}>
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="stage" className="block text-sm font-medium text-slate-800">
            {t('investors.stage')}
          </label>
          <select
            id="stage"
            name="stage"
            defaultValue={filters.stage ?? ''}
            className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-2 text-sm"
          >
            <option value="">{t('investors.anyStage')}</option>
            {startupStages.map((s) => (
              <option key={s} value={s}>
                {t(`matching.stages.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 py-2 text-sm text-slate-800">
          <input
            type="checkbox"
            name="verified"
            value="1"
            defaultChecked={filters.verifiedOnly}
            className="h-4 w-4 rounded border-slate-300"
          />
          {t('investors.verifiedOnly')}
        </label>
        <button className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {t('investors.apply')}
        </button>
        {filtered ? (
          <Link to="/investors" className="py-2 text-sm">
            {t('investors.clear')}
          </Link>
        ) : null}
      </Form>
      <section aria-labelledby="investor-results">
        <h2 id="investor-results" className="text-sm text-slate-600" aria-live="polite">
          {t('investors.count', { count: page.total })}
        </h2>
        {page.items.length === 0 ? (
          <div className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
            {filtered ? t('investors.empty') : t('investors.emptyAll')}
          </div>
        ) : (
          <ul className="mt-3 grid gap-3 lg:grid-cols-2">
            {page.items.map((investor) => (
              <InvestorCard
                key={investor.id}
                investor={investor}
                lng={lng}
                canRequest={page.startup?.manages ?? false}
              />
            ))}
          </ul>
        )}
        <Pager page={page.page} pages={page.pages} href={href} />
      </section>
    </div>
  )
}
