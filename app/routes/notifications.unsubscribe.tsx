// One-click unsubscribe from a notification e-mail, signed in or not: the token in the link
// names the person and the category. GET only shows what will be turned off; POST does it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, Card, Notice, PageTitle } from '~/components/ui/form.tsx'
import { readUnsubscribeToken, unsubscribe } from '~/domains/notifications/notify.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const target = await readUnsubscribeToken(token)
  return { token: target ? token : null, target }
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData()
  const target = await unsubscribe(String(formData.get('token') ?? ''))
  if (!target) return Response.json({ done: false, category: null }, { status: 400 })
  return { done: true, category: target.category }
}

export const meta: MetaFunction = () => [
  { title: '退订邮件通知 · 众创 Zhongchuang' },
  { name: 'robots', content: 'noindex' },
]

export default function UnsubscribePage() {
  const { t } = useTranslation('notifications')
  const { token, target } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (actionData?.done && actionData.category) {
    return (
      <div className="mx-auto max-w-xl">
        <PageTitle>{t('unsubscribe.doneTitle')}</PageTitle>
        <Card>
          <Notice tone="success">
            {t('unsubscribe.done', { category: t(`categories.${actionData.category}`) })}
          </Notice>
          <p className="mt-4 text-sm">
            <Link to="/notifications">{t('unsubscribe.manage')}</Link>
          </p>
        </Card>
      </div>
    )
  }
  if (!token || !target || actionData) {
    return (
      <div className="mx-auto max-w-xl">
        <PageTitle>{t('unsubscribe.invalidTitle')}</PageTitle>
        <Card>
          <p className="text-slate-700">{t('unsubscribe.invalid')}</p>
          <p className="mt-4 text-sm">
            <Link to="/notifications">{t('unsubscribe.manage')}</Link>
          </p>
        </Card>
      </div>
    )
  }
  return (
    <div className="mx-auto max-w-xl">
      <PageTitle>{t('unsubscribe.title')}</PageTitle>
      <Card>
        <p className="text-slate-700">
          {t('unsubscribe.explain', {
            email: target.email,
            category: t(`categories.${target.category}`),
          })}
        </p>
        <Form method="post" className="mt-4">
          <input type="hidden" name="token" value={token} />
          <Button type="submit">{t('unsubscribe.submit')}</Button>
        </Form>
      </Card>
    </div>
  )
}
