// Edit an instrument listing, and put it up for booking or take it down. Only the owning
// organisation's owners and admins reach it; anyone else outside the organisation gets 404, so
// drafts are not discoverable by guessing.
import { getFormProps } from '@conform-to/react'
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
  useNavigation,
  useSearchParams,
} from '@remix-run/react'
import { eq } from 'drizzle-orm'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import { isUuid } from '../../db/ids.ts'
import { equipmentListings } from '../../db/schema/index.ts'
import { ListingFields, type ListingFormShape } from '~/components/listing-form.tsx'
import {
  Button,
  Card,
  FormErrors,
  Notice,
  PageTitle,
  translateError,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import {
  membershipOf,
  notFound,
  requireMember,
  requireOrgPermission,
} from '~/domains/accounts/auth.server.ts'
import { listingFormSchema } from '~/domains/equipment/listing-form.schema.ts'
import { todayInShanghai } from '~/domains/challenges/beijing-time.ts'
import {
  listingDefaults,
  photosOf,
  photoTooLarge,
  readListingForm,
} from '~/domains/equipment/listing-request.server.ts'
import { publishBlockers, setListingPublished } from '~/domains/equipment/publish-listing.server.ts'
import { updateListing } from '~/domains/equipment/save-listing.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { now } from '~/clock.server.ts'
import { pickerTypes } from '../../search/type-match.ts'
import { instrumentTypes } from '../../search/vocabulary.ts'

/** The listing by its slug (the public address) or its id; 404 for a stranger, 403 for a member without the right. */
async function ownListing(request: Request, key: string) {
  const auth = await requireMember(request)
  const listing = await db()
    .select()
    .from(equipmentListings)
    .where(isUuid(key) ? eq(equipmentListings.id, key) : eq(equipmentListings.slug, key))
    .then((r) => r[0])
  if (!listing || !membershipOf(auth, listing.orgId)) throw notFound()
  const { membership } = await requireOrgPermission(request, listing.orgId, 'list:equipment:own')
  return { auth, listing, org: membership }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { listing, org } = await ownListing(request, params.id ?? '')
  return {
    listing: {
      id: listing.id,
      slug: listing.slug,
      name: listing.name,
      status: listing.status,
      photos: listing.photoUploadIds.map((id) => ({ id })),
    },
    org: { name: org.name },
    defaults: listingDefaults(listing),
    blockers: publishBlockers(listing),
    today: todayInShanghai(now()),
    choices: pickerTypes(),
  }
}

const intents = ['save', 'publish', 'unpublish'] as const

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { auth, listing } = await ownListing(request, params.id ?? '')
  const formData = await readListingForm(request)
  if (!formData) return Response.json({ intent: 'save', result: photoTooLarge }, { status: 413 })
  const intent = intents.find((i) => i === formData.get('intent')) ?? 'save'
  if (intent !== 'save') {
    try {
      await setListingPublished({
        listingId: listing.id,
        action: intent,
        actorUserId: auth.user.id,
        ip: clientIp(context),
      })
    } catch (error) {
      const { status, result } = replyWithError(
        { reply: (o) => ({ status: 'error', error: { '': o?.formErrors ?? [] } }) },
        error,
      )
      return Response.json({ intent, result }, { status })
    }
    return redirect(`/equipment/${listing.slug}/edit?done=${intent}`)
  }
  const submission = parseWithZod(formData, {
    schema: listingFormSchema(todayInShanghai(now()), instrumentTypes),
  })
  if (submission.status !== 'success') return { intent, result: submission.reply() }
  try {
    await updateListing({
      listingId: listing.id,
      actorUserId: auth.user.id,
      values: submission.value,
      photos: photosOf(formData),
      removePhotoIds: formData
        .getAll('removePhotoIds')
        .filter((v): v is string => typeof v === 'string'),
      ip: clientIp(context),
    })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, result }, { status })
  }
  return redirect(`/equipment/${listing.slug}/edit?done=saved`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.listing.name ?? ''} · 众创 Zhongchuang` },
]

const statusTone = {
  draft: 'bg-slate-100 text-slate-700',
  published: 'bg-green-100 text-green-800',
  unpublished: 'bg-amber-100 text-amber-800',
} as const

export default function EditListingPage() {
  const { t } = useTranslation(['listings', 'equipment'])
  const { listing, org, defaults, blockers, today, choices } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const done = searchParams.get('done')
  const [form, fields] = useForm<ListingFormShape>({
    lastResult: actionData?.intent === 'save' ? actionData.result : undefined,
    defaultValue: defaults,
    validation: checks(
      () => import('~/domains/equipment/listing-form.schema.ts'),
      (m) => m.listingFormSchema(today, choices.types),
    ),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const publishErrors =
    actionData && actionData.intent !== 'save' ? (actionData.result.error?.[''] ?? []) : []
  const busy = navigation.state === 'submitting'
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/equipment/mine">← {t('mine.title')}</Link>
      </p>
      <PageTitle sub={t('edit.sub', { org: org.name })}>{listing.name}</PageTitle>
      {done && ['created', 'saved', 'publish', 'unpublish'].includes(done) ? (
        <Notice tone="success">{t(`edit.done.${done}`)}</Notice>
      ) : null}

      <Card>
        <div className="flex flex-wrap items-center justify-between gap-4">
          <p className="text-sm">
            {t('edit.status')}{' '}
            <span
              className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusTone[listing.status]}`}
            >
              {t(`status.${listing.status}`)}
            </span>
          </p>
          <Form method="post" className="flex flex-wrap items-center gap-3">
            {listing.status === 'published' ? (
              <>
                <Link to={`/equipment/${listing.slug}`} className="text-sm">
                  {t('edit.view')}
                </Link>
                <Button
                  type="submit"
                  name="intent"
                  value="unpublish"
                  variant="secondary"
                  disabled={busy}
                >
                  {t('edit.unpublish')}
                </Button>
              </>
            ) : (
              <Button type="submit" name="intent" value="publish" disabled={busy}>
                {t('edit.publish')}
              </Button>
            )}
          </Form>
        </div>
        {listing.status !== 'published' && blockers.length > 0 ? (
          <div className="mt-3">
            <Notice tone="warning">
              <p className="font-medium">{t('edit.blockersTitle')}</p>
              <ul className="mt-1 list-disc pl-5">
                {blockers.map((b) => (
                  <li key={b}>{translateError(t, b)}</li>
                ))}
              </ul>
            </Notice>
          </div>
        ) : null}
        {publishErrors.length > 0 ? (
          <div className="mt-3">
            <FormErrors errors={publishErrors} />
          </div>
        ) : null}
      </Card>

      {/* Not a blocker: an owner who has not chosen a type yet is asked, not stopped. */}
      {listing.status === 'published' && !defaults.typeId ? (
        <Notice tone="info">
          <p className="font-medium">{t('equipment:typePicker.missing.title')}</p>
          <p className="mt-1">
            {t('equipment:typePicker.missing.body')}{' '}
            <a href={`#${fields.typeName.id}`}>{t('equipment:typePicker.missing.action')}</a>
          </p>
        </Notice>
      ) : null}

      <Card>
        <Form
          method="post"
          encType="multipart/form-data"
          {...getFormProps(form)}
          className="space-y-6"
        >
          <FormErrors errors={form.errors} />
          <ListingFields form={form} photos={listing.photos} choices={choices} />
          <div className="border-t border-slate-200 pt-5">
            <Button type="submit" name="intent" value="save" disabled={busy}>
              {t('edit.save')}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  )
}
