// /campaigns/:slug/closing: the startup's owners and admins (404 to anyone else) see where the
// campaign's money stands after its deadline, decide on a short collection, and upload the
// signed investment agreement and the registration change (工商变更登记) for verification.
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
import { table } from '~/components/admin-nav.tsx'
import { Button, Card, ErrorList, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { useForm } from '~/components/ui/use-form.ts'
import { notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { decidePartial, managedCampaign, submitDocuments } from '~/domains/deals/closing.server.ts'
import { closingPage } from '~/domains/deals/commitment-queries.server.ts'
import { DecisionSchema } from '~/domains/deals/commitments.schema.ts'
import { uploadPurposes } from '~/domains/uploads/uploads.schema.ts'
import { replyWithError } from '~/domains/web/request.server.ts'
import { formatDateTime, formatMoney } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'
import { z } from 'zod'

const MAX_BYTES = uploadPurposes['campaign-closing'].maxBytes
const DocumentsSchema = z.object({ intent: z.literal('documents') })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const campaign = await managedCampaign(params.slug ?? '', auth.user.id)
  if (!campaign) throw notFound()
  return closingPage(campaign)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const campaign = await managedCampaign(params.slug ?? '', auth.user.id)
  if (!campaign) throw notFound()
  const multipart = (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')
  if (multipart) {
    let formData: FormData
    try {
      formData = await parseMultipart(request, MAX_BYTES, { files: 2 })
    } catch (error) {
      // Beside the file that was too large; above the form when the body was cut off first.
      const result = tooLargeReply(error, '', MAX_BYTES)
      if (!result) throw error
      return Response.json(result, { status: 413 })
    }
    const submission = parseWithZod(formData, { schema: DocumentsSchema })
    if (submission.status !== 'success') return submission.reply()
    const file = (name: string) => {
      const f = formData.get(name)
      return f instanceof File ? f : null
    }
    try {
      await submitDocuments({
        campaignId: campaign.id,
        userId: auth.user.id,
        agreement: file('agreement'),
        registration: file('registration'),
      })
    } catch (error) {
      const { status, result } = replyWithError(submission, error)
      return Response.json(result, { status })
    }
    return redirect(`/campaigns/${campaign.slug}/closing?done=documents`)
  }
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: DecisionSchema })
  if (submission.status !== 'success') return submission.reply()
  try {
    await decidePartial({
      campaignId: campaign.id,
      userId: auth.user.id,
      accept: submission.value.intent === 'accept',
    })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json(result, { status })
  }
  return redirect(`/campaigns/${campaign.slug}/closing?done=${submission.value.intent}`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `交割 · ${data.campaign.title} · 众创 Zhongchuang` : '众创 Zhongchuang' },
]

function FileInput({ name, label, errors }: { name: string; label: string; errors?: string[] }) {
  const { t } = useTranslation('commitments')
  return (
    <div>
      <label htmlFor={`closing-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={`closing-${name}`}
        type="file"
        name={name}
        accept="application/pdf,image/jpeg,image/png,image/webp"
        className="mt-1 block w-full text-sm"
        aria-describedby={`closing-${name}-hint`}
      />
      <p id={`closing-${name}-hint`} className="mt-1 text-xs text-slate-500">
        {t('closing.fileHint', { mb: Math.round(MAX_BYTES / 1048576) })}
      </p>
      <ErrorList errors={errors} />
    </div>
  )
}

export default function ClosingPage() {
  const data = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation('commitments')
  const lng = useRootData()?.locale ?? 'zh-CN'
  const busy = useNavigation().state !== 'idle'
  const [searchParams] = useSearchParams()
  const [form, fields] = useForm<{ agreement: string; registration: string; intent: string }>({
    id: 'closing',
    lastResult,
  })
  const c = data.campaign
  const money = (fen: number) => formatMoney(fen, lng)
  const done = searchParams.get('done')
  const collected = data.commitments
    .filter((x) => ['collected', 'completed'].includes(x.status))
    .reduce((sum, x) => sum + x.amountFen, 0)
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageTitle
        sub={
          <Link to={`/campaigns/${c.slug}/manage`} className="text-brand-700 underline">
            {t('closing.back')}
          </Link>
        }
      >
        {t('closing.title', { title: c.title })}
      </PageTitle>
      {done ? <Notice tone="success">{t(`closing.done.${done}`)}</Notice> : null}
      <FormErrors errors={form.errors} />
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold">{t('closing.where')}</h2>
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium ring-1 ring-inset ring-slate-300">
            {t(`campaignStatus.${c.status}`)}
          </span>
        </div>
        <p className="mt-2 text-sm text-slate-700">{t(`closing.explain.${c.status}`)}</p>
        <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-600">{t('commit.target')}</dt>
          <dd className="tabular-nums">{money(c.targetFen)}</dd>
          <dt className="text-slate-600">{t('closing.minimumAccept')}</dt>
          <dd className="tabular-nums">{money(c.minimumAcceptFen)}</dd>
          <dt className="text-slate-600">{t('closing.collected')}</dt>
          <dd className="tabular-nums">{money(c.raisedFen ?? collected)}</dd>
          <dt className="text-slate-600">{t('commit.deadline')}</dt>
          <dd>{formatDateTime(c.deadline, lng)}</dd>
          {c.collectionEndsAt ? (
            <>
              <dt className="text-slate-600">{t('page.collectionEnds')}</dt>
              <dd>{formatDateTime(c.collectionEndsAt, lng)}</dd>
            </>
          ) : null}
          {c.closedReason ? (
            <>
              <dt className="text-slate-600">{t('closing.reason')}</dt>
              <dd>{c.closedReason}</dd>
            </>
          ) : null}
        </dl>
      </Card>

      {c.status === 'deciding' ? (
        <Card>
          <h2 className="text-lg font-semibold">{t('closing.decide.title')}</h2>
          <p className="mt-1 text-sm text-slate-700">
            {t('closing.decide.intro', {
              amount: money(c.raisedFen ?? 0),
              target: money(c.targetFen),
              at: formatDateTime(c.decisionDeadline ?? '', lng),
            })}
          </p>
          <div className="mt-4 flex flex-wrap gap-3">
            <Form method="post">
              <input type="hidden" name="intent" value="accept" />
              <Button type="submit" disabled={busy}>
                {t('closing.decide.accept')}
              </Button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="decline" />
              <Button type="submit" variant="danger" disabled={busy}>
                {t('closing.decide.decline')}
              </Button>
            </Form>
          </div>
        </Card>
      ) : null}

      {c.status === 'funded' ? (
        <Card>
          <h2 className="text-lg font-semibold">{t('closing.documents.title')}</h2>
          <p className="mt-1 text-sm text-slate-700">{t('closing.documents.intro')}</p>
          {c.rejection ? (
            <div className="mt-3">
              <Notice tone="warning">
                {t('closing.documents.rejected', { reason: c.rejection })}
              </Notice>
            </div>
          ) : null}
          <Form
            method="post"
            encType="multipart/form-data"
            {...getFormProps(form)}
            className="mt-4 space-y-4"
          >
            <input type="hidden" name="intent" value="documents" />
            <FileInput
              name="agreement"
              label={t('closing.documents.agreement')}
              errors={fields.agreement.errors}
            />
            <FileInput
              name="registration"
              label={t('closing.documents.registration')}
              errors={fields.registration.errors}
            />
            <Button type="submit" disabled={busy}>
              {t('closing.documents.submit')}
            </Button>
          </Form>
        </Card>
      ) : null}

      {data.agreement || data.registration ? (
        <Card>
          <h2 className="text-lg font-semibold">{t('closing.documents.submitted')}</h2>
          <ul className="mt-2 space-y-1 text-sm">
            {data.agreement ? (
              <li>
                {t('closing.documents.agreement')}:{' '}
                <a href={`/uploads/${data.agreement.id}`}>{data.agreement.name}</a>
              </li>
            ) : null}
            {data.registration ? (
              <li>
                {t('closing.documents.registration')}:{' '}
                <a href={`/uploads/${data.registration.id}`}>{data.registration.name}</a>
              </li>
            ) : null}
          </ul>
        </Card>
      ) : null}

      <Card>
        <h2 className="text-lg font-semibold">{t('closing.investors')}</h2>
        {data.commitments.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('closing.noInvestors')}</p>
        ) : (
          <div className={`mt-3 ${table.wrap}`}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th className={table.th}>{t('page.investor')}</th>
                  <th className={`${table.th} text-right`}>{t('page.amount')}</th>
                  <th className={table.th}>{t('page.method')}</th>
                  <th className={table.th}>{t('investments.status')}</th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {data.commitments.map((x) => (
                  <tr key={x.id}>
                    <td className={table.td}>{x.investor}</td>
                    <td className={`${table.td} text-right tabular-nums`}>{money(x.amountFen)}</td>
                    <td className={table.td}>{t(`commit.methods.${x.method}`)}</td>
                    <td className={`${table.td} whitespace-nowrap`}>{t(`status.${x.status}`)}</td>
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
