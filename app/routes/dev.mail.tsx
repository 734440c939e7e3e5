// The development mailbox: e-mails and text messages that would have been sent. Never in
// production.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { readMailbox } from '~/domains/notifications/mailbox.server.ts'
import { isProduction } from '~/env.server.ts'

export async function loader(_: LoaderFunctionArgs) {
  if (isProduction()) throw new Response('not found', { status: 404 })
  return { messages: readMailbox(100) }
}

export const meta: MetaFunction = () => [{ title: '开发邮箱 · Dev mailbox' }]

export default function DevMailPage() {
  const { t } = useTranslation()
  const { messages } = useLoaderData<typeof loader>()
  return (
    <div>
      <PageTitle sub={t('devMail.sub')}>{t('devMail.title')}</PageTitle>
      {messages.length === 0 ? <p className="text-slate-600">{t('devMail.empty')}</p> : null}
      <ol className="space-y-4">
        {messages.map((m) => (
          <li key={m.id}>
            <Card>
              <p className="text-xs text-slate-500">
                {m.channel === 'sms' ? 'SMS' : 'E-mail'} · {m.at} · {t('devMail.to')}{' '}
                <span data-testid="mail-to">{m.to}</span>
              </p>
              <h2 className="mt-1 font-semibold" data-testid="mail-subject">
                {m.subject}
              </h2>
              <pre
                className="mt-2 whitespace-pre-wrap font-sans text-sm text-slate-800"
                data-testid="mail-text"
              >
                {m.text}
              </pre>
            </Card>
          </li>
        ))}
      </ol>
    </div>
  )
}
