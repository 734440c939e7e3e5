// One message thread for its participants (404 for anyone else): the messages, oldest first,
// and a reply form with an optional attachment that works without JavaScript.
import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { parseMultipart, tooLargeReply } from '~/domains/uploads/multipart.server.ts'
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  Button,
  Card,
  ErrorList,
  FormErrors,
  Notice,
  PageTitle,
  TextareaField,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { PostMessageSchema } from '~/domains/notifications/notifications.schema.ts'
import { postMessage, readThread } from '~/domains/notifications/threads.server.ts'
import { uploadPurposes } from '~/domains/uploads/uploads.schema.ts'
import { replyWithError } from '~/domains/web/request.server.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const data = await readThread(params.id ?? '', auth.user.id)
  return { ...data, me: auth.user.id }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const threadId = params.id ?? ''
  let formData: FormData
  try {
    formData = await parseMultipart(request, uploadPurposes.attachment.maxBytes, { files: 1 })
  } catch (error) {
    const result = tooLargeReply(error, 'attachment', uploadPurposes.attachment.maxBytes)
    if (!result) throw error
    return Response.json({ result }, { status: 413 })
  }
  const submission = parseWithZod(formData, { schema: PostMessageSchema })
  if (submission.status !== 'success') return { result: submission.reply() }
  const attachment = formData.get('attachment')
  try {
    await postMessage({
      threadId,
      userId: auth.user.id,
      body: submission.value.body,
      attachment: attachment instanceof File ? attachment : null,
    })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ result }, { status })
  }
  return redirect(`/messages/${threadId}?done=sent#reply`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.thread.subject ?? ''} · 众创 Zhongchuang` },
]

export default function ThreadPage() {
  const { t } = useTranslation('notifications')
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const lng = useRootData()?.locale ?? 'zh-CN'
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    // A new id once a message is sent: the form starts empty again for the next one.
    id: `reply-${data.messages.length}`,
    lastResult: actionData?.result,
    validation: checks(
      () => import('~/domains/notifications/notifications.schema.ts'),
      'PostMessageSchema',
    ),
    shouldValidate: 'onSubmit',
  })
  const attachmentErrors = actionData?.result?.error?.attachment ?? undefined
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/messages">← {t('messages.back')}</Link>
      </p>
      <PageTitle
        sub={t('messages.participants', {
          names: data.participants.map((p) => p.name).join(lng === 'zh-CN' ? '、' : ', '),
        })}
      >
        {data.thread.subject}
      </PageTitle>
      {searchParams.get('done') === 'sent' ? (
        <Notice tone="success">{t('messages.sent')}</Notice>
      ) : null}
      <Card>
        {data.messages.length === 0 ? (
          <p className="text-sm text-slate-600">{t('messages.noMessages')}</p>
        ) : (
          <ol className="space-y-4">
            {data.messages.map((m) => (
              <li
                key={m.id}
                className={`rounded-md border p-3 ${m.authorUserId === data.me ? 'border-slate-200 bg-slate-50' : 'border-brand-100 bg-white'}`}
              >
                <p className="text-xs text-slate-600">
                  <span className="font-medium text-slate-800">{m.authorName}</span> ·{' '}
                  {formatDateTime(m.createdAt, lng)}
                  {m.unread ? (
                    <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-brand-800">
                      {t('unread')}
                    </span>
                  ) : null}
                </p>
                <p className="mt-1 whitespace-pre-line break-words text-slate-900">{m.body}</p>
                {m.attachmentUploadId ? (
                  <p className="mt-2 text-sm">
                    <a href={`/uploads/${m.attachmentUploadId}`}>{t('messages.download')}</a>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </Card>
      <Card>
        <h2 id="reply" className="text-lg font-semibold">
          {t('messages.post')}
        </h2>
        <Form
          key={form.id}
          method="post"
          encType="multipart/form-data"
          {...getFormProps(form)}
          className="mt-3 space-y-4"
        >
          <FormErrors errors={form.errors} />
          <TextareaField label={t('messages.body')} field={fields.body} />
          <div>
            <label htmlFor="attachment" className="block text-sm font-medium text-slate-800">
              {t('messages.attachment')}
            </label>
            <input
              id="attachment"
              name="attachment"
              type="file"
              accept="application/pdf,image/jpeg,image/png,image/webp,application/zip"
              aria-describedby="attachment-hint"
              className="mt-1 block w-full text-sm"
            />
            <p id="attachment-hint" className="mt-1 text-xs text-slate-600">
              {t('messages.attachmentHint')}
            </p>
            <ErrorList errors={attachmentErrors} />
          </div>
          <Button type="submit" disabled={navigation.state === 'submitting'}>
            {t('messages.send')}
          </Button>
        </Form>
      </Card>
    </div>
  )
}
