// The member's message threads, most recently active first, with how many messages are unread.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { listThreads } from '~/domains/notifications/threads.server.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  return { threads: await listThreads(auth.user.id) }
}

export const meta: MetaFunction = () => [{ title: '站内消息 · 众创 Zhongchuang' }]

export default function MessagesPage() {
  const { t } = useTranslation('notifications')
  const { threads } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? 'zh-CN'
  return (
    <div className="mx-auto max-w-3xl">
      <PageTitle sub={t('messages.sub')}>{t('messages.title')}</PageTitle>
      <Card>
        {threads.length === 0 ? (
          <p className="text-sm text-slate-600">{t('messages.empty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {threads.map((thread) => (
              <li
                key={thread.id}
                className="flex flex-wrap items-center justify-between gap-3 py-3"
              >
                <div className="min-w-0 flex-1">
                  <Link
                    to={`/messages/${thread.id}`}
                    className={thread.unread > 0 ? 'font-semibold' : ''}
                  >
                    {thread.subject}
                  </Link>
                  <p className="text-xs text-slate-600">
                    {thread.messages > 0
                      ? t('messages.lastAt', { at: formatDateTime(thread.lastAt, lng) })
                      : t('messages.noMessages')}
                  </p>
                </div>
                {thread.unread > 0 ? (
                  <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">
                    {t('messages.unread', { count: thread.unread })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  )
}
