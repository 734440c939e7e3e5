// The member's inbox: notifications newest first, read and unread, each in the reader's
// language with its link; "mark read" forms; and per category, whether to show and to e-mail.
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Button, Card, Notice, PageTitle } from '~/components/ui/form.tsx'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import {
  notificationCategories,
  notificationText,
} from '~/domains/notifications/notification-kinds.ts'
import { MarkReadSchema } from '~/domains/notifications/notifications.schema.ts'
import {
  listNotifications,
  markRead,
  preferencesOf,
  savePreferences,
} from '~/domains/notifications/notify.server.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

const PreferencesSchema = z.object({
  email: z.array(z.enum(notificationCategories)),
  inApp: z.array(z.enum(notificationCategories)),
})

const notices = ['read', 'allRead', 'preferences'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const [items, preferences] = await Promise.all([
    listNotifications(auth.user.id),
    preferencesOf(auth.user.id),
  ])
  return { items, preferences }
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const formData = await request.formData()
  switch (String(formData.get('intent') ?? '')) {
    case 'read': {
      const parsed = MarkReadSchema.safeParse({ id: formData.get('id') ?? undefined })
      if (!parsed.success || !parsed.data.id) throw new Response('bad id', { status: 400 })
      await markRead(auth.user.id, parsed.data.id)
      return redirect('/notifications?done=read')
    }
    case 'read-all': {
      await markRead(auth.user.id)
      return redirect('/notifications?done=allRead')
    }
    case 'preferences': {
      // Unchecked boxes are simply absent, so each list names the categories left on.
      const parsed = PreferencesSchema.safeParse({
        email: formData.getAll('email'),
        inApp: formData.getAll('inApp'),
      })
      if (!parsed.success) throw new Response('bad preferences', { status: 400 })
      await savePreferences(
        auth.user.id,
        Object.fromEntries(
          notificationCategories.map((c) => [
            c,
            { email: parsed.data.email.includes(c), inApp: parsed.data.inApp.includes(c) },
          ]),
        ),
      )
      return redirect('/notifications?done=preferences')
    }
    default:
      throw new Response('unknown intent', { status: 400 })
  }
}

export const meta: MetaFunction = () => [{ title: '通知 · 众创 Zhongchuang' }]

export default function NotificationsPage() {
  const { t } = useTranslation('notifications')
  const { items, preferences } = useLoaderData<typeof loader>()
  const root = useRootData()
  const lng = root?.locale ?? 'zh-CN'
  const [searchParams] = useSearchParams()
  const done = searchParams.get('done')
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const unread = items.filter((n) => !n.readAt).length
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageTitle sub={t('sub')}>{t('title')}</PageTitle>
      {done && (notices as readonly string[]).includes(done) ? (
        <Notice tone="success">{t(`done.${done as (typeof notices)[number]}`)}</Notice>
      ) : null}
      <Card>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold">
            {unread > 0 ? t('common:nav.bell', { count: unread }) : t('common:nav.bellNone')}
          </h2>
          {unread > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="read-all" />
              <Button type="submit" variant="secondary" disabled={busy}>
                {t('markAllRead')}
              </Button>
            </Form>
          ) : null}
        </div>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600">{t('empty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {items.map((n) => (
              <li
                key={n.id}
                className={`flex flex-wrap items-start justify-between gap-3 py-3 ${n.readAt ? '' : 'font-medium'}`}
              >
                <div className="min-w-0 flex-1">
                  <p className="text-xs text-slate-600">
                    <span
                      className={`mr-2 inline-block rounded-full px-2 py-0.5 ${n.readAt ? 'bg-slate-100 text-slate-700' : 'bg-brand-50 text-brand-800'}`}
                    >
                      {n.readAt ? t('read') : t('unread')}
                    </span>
                    {t(`categories.${n.category}`)} · {formatDateTime(n.createdAt, lng)}
                  </p>
                  <p className="mt-1 text-slate-900">
                    <Link to={n.link}>{notificationText(t, n.kind, n.params)}</Link>
                  </p>
                </div>
                {n.readAt ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={n.id} />
                    <button
                      type="submit"
                      className="text-sm font-normal text-brand-700 underline"
                      disabled={busy}
                    >
                      {t('markRead')}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card>
        <h2 className="text-lg font-semibold">{t('preferences.title')}</h2>
        <p className="mt-1 text-sm text-slate-600">{t('preferences.sub')}</p>
        <Form method="post" className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="preferences" />
          <table className="w-full text-left text-sm">
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="py-2">
                  {t('preferences.category')}
                </th>
                <th scope="col" className="text-center">
                  {t('preferences.inApp')}
                </th>
                <th scope="col" className="text-center">
                  {t('preferences.email')}
                </th>
              </tr>
            </thead>
            <tbody>
              {notificationCategories.map((c) => (
                <tr key={c} className="border-t border-slate-100">
                  <th scope="row" className="py-2 font-normal">
                    {t(`categories.${c}`)}
                  </th>
                  <td className="text-center">
                    <input
                      type="checkbox"
                      name="inApp"
                      value={c}
                      defaultChecked={preferences[c].inApp}
                      aria-label={`${t(`categories.${c}`)} · ${t('preferences.inApp')}`}
                    />
                  </td>
                  <td className="text-center">
                    <input
                      type="checkbox"
                      name="email"
                      value={c}
                      defaultChecked={preferences[c].email}
                      aria-label={`${t(`categories.${c}`)} · ${t('preferences.email')}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Button type="submit" disabled={busy}>
            {t('preferences.save')}
          </Button>
        </Form>
      </Card>
    </div>
  )
}
