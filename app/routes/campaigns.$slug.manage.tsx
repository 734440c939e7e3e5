// The startup's own page for a campaign (owners and admins): where it stands, who committed, the
// data room (add, remove), questions to answer, updates to post, versions and the access log of
// who read what. Everyone else gets 404.
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ProgressBar, StatusBadge, VersionHistory } from '~/components/campaigns/campaign-parts.tsx'
import { Button, Card, ErrorList, Notice, PageTitle } from '~/components/ui/form.tsx'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { AnswerSchema, DocumentSchema, UpdateSchema } from '~/domains/deals/campaign-form.schema.ts'
import { manageCampaign } from '~/domains/deals/campaign-manage.server.ts'
import { answerQuestion } from '~/domains/deals/campaign-questions.server.ts'
import { fileOf, fileTooLarge, readCampaignForm } from '~/domains/deals/campaign-request.server.ts'
import { postUpdate } from '~/domains/deals/campaign-updates.server.ts'
import { addDocument, removeDocument } from '~/domains/deals/data-room.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDateTime, formatMoney, formatNumber } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  return manageCampaign(params.slug ?? '', auth)
}

const intents = ['add-document', 'remove-document', 'answer', 'post-update'] as const
type Intent = (typeof intents)[number]

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const slug = params.slug ?? ''
  // Only the startup's owners and admins get past this; everyone else learns nothing.
  await manageCampaign(slug, auth)
  const formData = await readCampaignForm(request)
  if (!formData)
    return Response.json(
      { intent: 'add-document' as Intent, key: '', result: fileTooLarge('file') },
      { status: 413 },
    )
  const intent = intents.find((i) => i === formData.get('intent'))
  const ip = clientIp(context)
  const fail = (key: string, submission: Parameters<typeof replyWithError>[0], error: unknown) => {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, key, result }, { status })
  }
  if (intent === 'add-document') {
    const submission = parseWithZod(formData, { schema: DocumentSchema })
    if (submission.status !== 'success') return { intent, key: '', result: submission.reply() }
    try {
      await addDocument({
        slug,
        auth,
        title: submission.value.title,
        file: fileOf(formData, 'file'),
        ip,
      })
    } catch (error) {
      return fail('', submission, error)
    }
    return redirect(`/campaigns/${slug}/manage?done=documentAdded#data-room`)
  }
  if (intent === 'remove-document') {
    await removeDocument({ slug, auth, documentId: String(formData.get('documentId') ?? ''), ip })
    return redirect(`/campaigns/${slug}/manage?done=documentRemoved#data-room`)
  }
  if (intent === 'answer') {
    const submission = parseWithZod(formData, { schema: AnswerSchema })
    const key = String(formData.get('questionId') ?? '')
    if (submission.status !== 'success') return { intent, key, result: submission.reply() }
    try {
      await answerQuestion({ slug, auth, ...submission.value })
    } catch (error) {
      return fail(key, submission, error)
    }
    return redirect(`/campaigns/${slug}/manage?done=answered#qa`)
  }
  if (intent === 'post-update') {
    const submission = parseWithZod(formData, { schema: UpdateSchema })
    if (submission.status !== 'success') return { intent, key: '', result: submission.reply() }
    try {
      await postUpdate({ slug, auth, ...submission.value })
    } catch (error) {
      return fail('', submission, error)
    }
    return redirect(`/campaigns/${slug}/manage?done=updatePosted#updates`)
  }
  throw new Response('bad request', { status: 400 })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.campaign.title ?? ''} · 管理融资 · 众创 Zhongchuang` },
]

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600'

/** The errors the last submission of this form (intent and key) left on a field. */
function useErrors(intent: Intent, key = '') {
  const actionData = useActionData<typeof action>()
  const mine = actionData && actionData.intent === intent && actionData.key === key
  const result = mine ? actionData.result : undefined
  const values = (result?.initialValue ?? {}) as Record<string, unknown>
  return {
    of: (field: string) => result?.error?.[field] ?? null,
    value: (field: string) => (typeof values[field] === 'string' ? String(values[field]) : ''),
  }
}

function DocumentForm() {
  const { t } = useTranslation('campaigns')
  const e = useErrors('add-document')
  const busy = useNavigation().state === 'submitting'
  return (
    <Form method="post" encType="multipart/form-data" className="mt-4 space-y-3" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="doc-title" className="block text-sm font-medium">
            {t('dataRoom.documentTitle')}
          </label>
          <input
            id="doc-title"
            name="title"
            defaultValue={e.value('title')}
            aria-invalid={e.of('title') ? true : undefined}
            className={inputClass}
          />
          <ErrorList errors={e.of('title')} />
        </div>
        <div>
          <label htmlFor="doc-file" className="block text-sm font-medium">
            {t('dataRoom.file')}
          </label>
          <input
            id="doc-file"
            type="file"
            name="file"
            accept="application/pdf,image/jpeg,image/png,image/webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
            className="mt-2 block w-full text-sm"
          />
          <p className="mt-1 text-xs text-slate-500">{t('dataRoom.fileHint')}</p>
          <ErrorList errors={e.of('file')} />
        </div>
      </div>
      <ErrorList errors={e.of('')} />
      <Button type="submit" name="intent" value="add-document" disabled={busy}>
        {t('dataRoom.add')}
      </Button>
    </Form>
  )
}

function AnswerForm({ questionId }: { questionId: string }) {
  const { t } = useTranslation('campaigns')
  const e = useErrors('answer', questionId)
  return (
    <Form method="post" className="mt-2 space-y-2" noValidate>
      <input type="hidden" name="questionId" value={questionId} />
      <label htmlFor={`answer-${questionId}`} className="sr-only">
        {t('qa.answer')}
      </label>
      <textarea
        id={`answer-${questionId}`}
        name="answer"
        rows={3}
        defaultValue={e.value('answer')}
        aria-invalid={e.of('answer') ? true : undefined}
        className={inputClass}
      />
      <ErrorList errors={e.of('answer') ?? e.of('')} />
      <Button type="submit" name="intent" value="answer" variant="secondary">
        {t('qa.answer')}
      </Button>
    </Form>
  )
}

function UpdateForm() {
  const { t } = useTranslation('campaigns')
  const e = useErrors('post-update')
  const busy = useNavigation().state === 'submitting'
  return (
    <Form method="post" className="mt-4 space-y-3" noValidate>
      <div>
        <label htmlFor="update-title" className="block text-sm font-medium">
          {t('updates.titleField')}
        </label>
        <input
          id="update-title"
          name="title"
          defaultValue={e.value('title')}
          aria-invalid={e.of('title') ? true : undefined}
          className={inputClass}
        />
        <ErrorList errors={e.of('title')} />
      </div>
      <div>
        <label htmlFor="update-body" className="block text-sm font-medium">
          {t('updates.body')}
        </label>
        <textarea
          id="update-body"
          name="body"
          rows={4}
          defaultValue={e.value('body')}
          aria-invalid={e.of('body') ? true : undefined}
          className={inputClass}
        />
        <ErrorList errors={e.of('body')} />
      </div>
      <ErrorList errors={e.of('')} />
      <p className="text-xs text-slate-500">{t('updates.notice')}</p>
      <Button type="submit" name="intent" value="post-update" disabled={busy}>
        {t('updates.post')}
      </Button>
    </Form>
  )
}

export default function ManageCampaignPage() {
  const { t } = useTranslation('campaigns')
  const data = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const done = searchParams.get('done')
  // A new location after a successful post: the forms start empty again.
  const formKey = useLocation().key
  const c = data.campaign
  const money = (fen: number) => formatMoney(fen, lng)
  const doneKeys = ['published', 'documentAdded', 'documentRemoved', 'answered', 'updatePosted']
  const editable = c.status === 'draft' || c.status === 'live'
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p className="text-sm">
        <Link to="/campaigns/mine">← {t('mine.title')}</Link>
      </p>
      <PageTitle sub={t('manage.sub')}>{c.title}</PageTitle>
      {done && doneKeys.includes(done) ? (
        <Notice tone="success">{t(`manage.done.${done}`)}</Notice>
      ) : null}
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <StatusBadge status={c.status} />
            {c.status !== 'draft' ? (
              <span className="text-slate-600">{t('edit.version', { version: c.version })}</span>
            ) : null}
          </p>
          <nav className="flex flex-wrap gap-4 text-sm" aria-label={t('manage.actions')}>
            {c.status !== 'draft' ? (
              <Link to={`/campaigns/${c.slug}`}>{t('edit.view')}</Link>
            ) : null}
            {editable ? <Link to={`/campaigns/${c.slug}/edit`}>{t('manage.edit')}</Link> : null}
            {editable ? (
              <Link to={`/campaigns/${c.slug}/withdraw`}>{t('manage.withdraw')}</Link>
            ) : null}
            {['deciding', 'funded', 'documents_submitted', 'completed'].includes(c.status) ? (
              <Link to={`/campaigns/${c.slug}/closing`}>{t('manage.closing')}</Link>
            ) : null}
          </nav>
        </div>
        <div className="mt-4 space-y-2">
          <ProgressBar percent={c.percent} label={t('teaser.progress')} />
          <p className="flex flex-wrap justify-between gap-2 text-sm">
            <span className="font-medium">
              {t('manage.committed', {
                committed: money(c.committedFen),
                target: money(c.targetFen),
                percent: formatNumber(c.percent, lng),
              })}
            </span>
            <span className="text-slate-600">
              {t('manage.investors', { count: c.investors })} ·{' '}
              {c.status === 'live'
                ? t('teaser.daysLeft', { count: c.daysLeft })
                : t('teaser.deadline', { at: formatDateTime(c.deadline, lng) })}
            </span>
          </p>
        </div>
        {data.commitments.length > 0 ? (
          <div className="mt-4 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t('manage.commitments')}</caption>
              <thead className="text-xs text-slate-500">
                <tr>
                  <th className="py-1 pr-3 font-medium">{t('manage.investor')}</th>
                  <th className="py-1 pr-3 font-medium">{t('manage.amount')}</th>
                  <th className="py-1 pr-3 font-medium">{t('manage.commitmentStatus')}</th>
                  <th className="py-1 font-medium">{t('manage.when')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.commitments.map((r) => (
                  <tr key={r.id}>
                    <td className="py-1.5 pr-3">{r.investor}</td>
                    <td className="py-1.5 pr-3 tabular-nums">{money(r.amountFen)}</td>
                    <td className="py-1.5 pr-3">{t(`commitmentStatus.${r.status}`)}</td>
                    <td className="py-1.5 text-slate-600">{formatDateTime(r.createdAt, lng)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>

      <Card>
        <h2 id="data-room" className="text-lg font-semibold">
          {t('dataRoom.title')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('dataRoom.manageHint')}</p>
        {data.documents.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">{t('dataRoom.empty')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 text-sm">
            {data.documents.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <a href={`/campaigns/${c.slug}/documents/${d.id}`}>{d.title}</a>
                <Form method="post">
                  <input type="hidden" name="documentId" value={d.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="remove-document"
                    className="text-sm text-red-700 hover:underline"
                  >
                    {t('dataRoom.remove')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <DocumentForm key={formKey} />
      </Card>

      <Card>
        <h2 id="qa" className="text-lg font-semibold">
          {t('qa.title')}
        </h2>
        {data.questions.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('qa.none')}</p>
        ) : (
          <ul className="mt-3 space-y-3 text-sm">
            {data.questions.map((q) => (
              <li key={q.id} className="rounded-md border border-slate-200 p-3">
                <p className="font-medium">{q.question}</p>
                <p className="text-xs text-slate-500">{formatDateTime(q.createdAt, lng)}</p>
                {q.answer ? (
                  <p className="mt-1 whitespace-pre-line text-slate-700">{q.answer}</p>
                ) : (
                  <AnswerForm key={formKey} questionId={q.id} />
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card>
        <h2 id="updates" className="text-lg font-semibold">
          {t('updates.title')}
        </h2>
        {data.updates.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('updates.none')}</p>
        ) : (
          <ul className="mt-3 space-y-3 text-sm">
            {data.updates.map((u) => (
              <li key={u.id}>
                <p className="font-medium">
                  {u.title}
                  <span className="ml-2 font-normal text-slate-500">
                    {formatDateTime(u.createdAt, lng)}
                  </span>
                </p>
                <p className="mt-1 whitespace-pre-line text-slate-700">{u.body}</p>
              </li>
            ))}
          </ul>
        )}
        {c.status !== 'draft' ? <UpdateForm key={formKey} /> : null}
      </Card>

      <Card>
        <h2 className="text-lg font-semibold">{t('versions.title')}</h2>
        <div className="mt-3">
          <VersionHistory versions={data.versions} lng={lng} />
        </div>
      </Card>

      <Card>
        <h2 id="access-log" className="text-lg font-semibold">
          {t('log.title')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('log.hint')}</p>
        {data.log.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('log.none')}</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th className="py-1 pr-3 font-medium">{t('log.who')}</th>
                  <th className="py-1 pr-3 font-medium">{t('log.what')}</th>
                  <th className="py-1 font-medium">{t('log.when')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.log.map((r) => (
                  <tr key={r.id}>
                    <td className="py-1.5 pr-3">{r.userName ?? t('log.unknown')}</td>
                    <td className="py-1.5 pr-3">
                      {r.action === 'download'
                        ? t('log.download', { document: r.document ?? '' })
                        : t('log.view')}
                    </td>
                    <td className="py-1.5 whitespace-nowrap text-slate-600">
                      {formatDateTime(r.at, lng)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  )
}
