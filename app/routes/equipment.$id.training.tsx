// /equipment/:id/training: the owner organisation's owners and admins see who is trained on a
// self-service instrument (when, by whom), record a training by e-mail and revoke one. The
// mark-trained button on a booking page posts here too and is sent back where it came from.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
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
import { db } from '../../db/client.server.ts'
import {
  Button,
  Card,
  Field,
  FormErrors,
  Notice,
  PageTitle,
  TextareaField,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import {
  MarkBookerTrainedSchema,
  MarkTrainedSchema,
  RevokeTrainingSchema,
} from '~/domains/equipment/equipment-care.schema.ts'
import {
  listingForTrainer,
  markTrained,
  revokeTraining,
  trainingsOf,
} from '~/domains/equipment/trainings.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDate } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

const notices = ['marked', 'revoked']

async function requireListing(request: Request, key: string | undefined) {
  const auth = await requireMember(request)
  const listing = await listingForTrainer(db(), key ?? '', auth.user.id)
  // A stranger is told nothing more than that there is no such page.
  if (!listing) throw notFound()
  return { auth, listing }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { listing } = await requireListing(request, params.id)
  const rows = await trainingsOf(listing.id)
  return {
    listing: {
      id: listing.id,
      slug: listing.slug,
      name: listing.name,
      selfService: listing.serviceModes.includes('self_service'),
    },
    trainings: rows.map((r) => ({ ...r, trainedAt: r.trainedAt.toISOString() })),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, listing } = await requireListing(request, params.id)
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const ip = clientIp(context)
  const back = `/equipment/${listing.id}/training`

  if (intent === 'revoke') {
    const submission = parseWithZod(formData, { schema: RevokeTrainingSchema })
    if (submission.status !== 'success') return { intent, result: submission.reply() }
    try {
      await revokeTraining({
        listingId: listing.id,
        userId: submission.value.userId,
        actorUserId: auth.user.id,
        ip,
      })
      return redirect(`${back}?notice=revoked`)
    } catch (error) {
      const { status, result } = replyWithError(submission, error)
      return Response.json({ intent, result }, { status })
    }
  }

  // From a booking page the booker is named by id; here, by the e-mail the owner types. Errors
  // of either are shown on this page, which keeps what was typed.
  const submission =
    intent === 'mark-user'
      ? parseWithZod(formData, { schema: MarkBookerTrainedSchema })
      : parseWithZod(formData, { schema: MarkTrainedSchema })
  if (submission.status !== 'success') return { intent: 'mark', result: submission.reply() }
  const value = submission.value
  try {
    await markTrained({
      listingId: listing.id,
      actorUserId: auth.user.id,
      ip,
      ...('email' in value ? { email: value.email, note: value.note } : { userId: value.userId }),
    })
    return redirect(value.redirectTo ?? `${back}?notice=marked`)
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent: 'mark', result }, { status })
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `培训记录 · ${data.listing.name} · 众创 Zhongchuang`
      : '培训记录 · 众创 Zhongchuang',
  },
]

type Result = SubmissionResult<string[]> | undefined

export default function TrainingPage() {
  const { t } = useTranslation('equipment-care')
  const { listing, trainings } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  // The redirect after a change is a new navigation: it remounts the forms, emptying them.
  const location = useLocation()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const notice = searchParams.get('notice')
  const resultFor = (intent: string): Result =>
    actionData && actionData.intent === intent ? actionData.result : undefined

  return (
    <div key={location.key} className="mx-auto max-w-4xl space-y-6">
      <nav className="text-sm">
        <Link to="/equipment/mine">{t('training.back')}</Link>
      </nav>
      <PageTitle sub={t('training.sub', { name: listing.name })}>{t('training.title')}</PageTitle>
      {notice && notices.includes(notice) ? (
        <Notice tone="success">{t(`training.notice.${notice}`)}</Notice>
      ) : null}
      {listing.selfService ? null : <Notice tone="warning">{t('training.notSelfService')}</Notice>}

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">{t('training.addTitle')}</h2>
        <MarkForm lastResult={resultFor('mark')} />
      </Card>

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">
          {t('training.listTitle')}{' '}
          <span className="text-sm font-normal text-slate-500">({trainings.length})</span>
        </h2>
        <FormErrors errors={resultFor('revoke')?.error?.[''] ?? null} />
        {trainings.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('training.empty')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200">
            {trainings.map((r) => (
              <li
                key={r.userId}
                className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between"
              >
                <div className="min-w-0 text-sm">
                  <p className="font-medium text-slate-900">{r.name}</p>
                  {r.email ? <p className="break-all text-slate-600">{r.email}</p> : null}
                  <p className="mt-1 text-xs text-slate-500">
                    {t('training.trainedAt')} {formatDate(r.trainedAt, lng)} ·{' '}
                    {t('training.trainedBy')} {r.trainedByName ?? t('training.unknownTrainer')}
                  </p>
                  {r.note ? (
                    <p className="mt-1 whitespace-pre-line text-slate-700">{r.note}</p>
                  ) : null}
                </div>
                <Form method="post" className="shrink-0">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="userId" value={r.userId} />
                  <Button
                    type="submit"
                    variant="secondary"
                    aria-label={t('training.removeLabel', { name: r.name })}
                  >
                    {t('training.remove')}
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  )
}

function MarkForm({ lastResult }: { lastResult: Result }) {
  const { t } = useTranslation('equipment-care')
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'mark',
    lastResult,
    validation: checks(
      () => import('~/domains/equipment/equipment-care.schema.ts'),
      'MarkTrainedSchema',
    ),
    shouldValidate: 'onSubmit',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
      <input type="hidden" name="intent" value="mark" />
      <FormErrors errors={form.errors} />
      <Field
        label={t('training.email')}
        field={fields.email}
        type="email"
        hint={t('training.emailHint')}
        autoComplete="off"
      />
      <TextareaField label={t('training.note')} field={fields.note} hint={t('training.noteHint')} />
      <Button
        type="submit"
        className="w-full sm:w-auto"
        disabled={navigation.state === 'submitting'}
      >
        {t('training.submit')}
      </Button>
    </Form>
  )
}
