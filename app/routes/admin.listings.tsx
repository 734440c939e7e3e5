// /admin/listings: equipment listings for moderators, searchable by name or organisation, each
// with its hold; hiding takes a reason the owner sees.
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminNav } from '~/components/admin-nav.tsx'
import { ContentModeration } from '~/components/admin-moderation.tsx'
import { Notice, PageTitle } from '~/components/ui/form.tsx'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { handleHoldAction, moderationRows } from '~/domains/moderation/admin-holds.server.ts'
import { clientIp, PageSchema, searchParamsOf } from '~/domains/web/request.server.ts'
import { z } from 'zod'

const ListSchema = z.object({ q: z.string().optional(), page: PageSchema })

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'moderate:content:any')
  const { q = '', page = 1 } = searchParamsOf(request, ListSchema, { text: { q: 100 } })
  const list = await moderationRows({ kind: 'listing', q, page, adminUserId: auth.user.id })
  return { q, list, adminRoles: auth.adminRoles }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, 'moderate:content:any')
  const formData = await request.formData()
  const refused = await handleHoldAction(formData, auth.user.id, clientIp(context))
  if (refused) return Response.json({ hold: refused.reply }, { status: refused.status })
  const url = new URL(request.url)
  url.searchParams.set('done', String(formData.get('intent')))
  return redirect(`${url.pathname}${url.search}`)
}

export const meta: MetaFunction = () => [{ title: '设备管理 · 管理后台 · 众创 Zhongchuang' }]

export default function AdminListingsPage() {
  const { t } = useTranslation('moderation')
  const { t: tl } = useTranslation('listings')
  const { q, list, adminRoles } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const done = params.get('done')
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('listings.sub')}>{t('listings.title')}</PageTitle>
      {done === 'hide' || done === 'lift' ? (
        <div className="mb-4">
          <Notice tone="success">{t(`admin.done.${done}`)}</Notice>
        </div>
      ) : null}
      <ContentModeration
        rows={list.rows}
        q={q}
        page={list.page}
        hasNext={list.hasNext}
        title={t('listings.listTitle')}
        statusLabel={(s) => tl(`status.${s}`, { defaultValue: s })}
      />
    </div>
  )
}
