// /search: finds organisations and spaces by name, city or description.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { searchDirectory } from '~/domains/web/search.server.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 100)
  return { q, results: q ? await searchDirectory(q) : { orgs: [], spaces: [] } }
}

export const meta: MetaFunction = () => [{ title: '搜索 · 众创 Zhongchuang' }]

export default function SearchPage() {
  const { t } = useTranslation()
  const { q, results } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? 'zh-CN'
  const total = results.orgs.length + results.spaces.length
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t('search.title')}</h1>
      <Form method="get" role="search" className="flex max-w-xl">
        <label htmlFor="q" className="sr-only">
          {t('search.label')}
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          className="w-full rounded-l-md border border-slate-300 px-3 py-2"
        />
        <button className="rounded-r-md bg-brand-600 px-4 text-white">{t('search.submit')}</button>
      </Form>
      {q ? (
        <p className="text-sm text-slate-600">{t('search.count', { count: total, q })}</p>
      ) : null}
      {results.spaces.length > 0 ? (
        <section>
          <h2 className="text-lg font-semibold">{t('nav.spaces')}</h2>
          <ul className="mt-2 space-y-2">
            {results.spaces.map((s) => (
              <li key={s.slug} className="rounded border border-slate-200 bg-white p-3">
                <Link to={`/spaces/${s.slug}`} className="font-medium">
                  {lng === 'en' && s.nameEn ? s.nameEn : s.name}
                </Link>
                <span className="ml-2 text-sm text-slate-500">{s.city}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {results.orgs.length > 0 ? (
        <section>
          <h2 className="text-lg font-semibold">{t('search.orgs')}</h2>
          <ul className="mt-2 space-y-2">
            {results.orgs.map((o) => (
              <li key={o.slug} className="rounded border border-slate-200 bg-white p-3">
                <Link to={`/orgs/${o.slug}`} className="font-medium">
                  {lng === 'en' && o.nameEn ? o.nameEn : o.name}
                </Link>
                <span className="ml-2 text-sm text-slate-500">{o.city}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}
