// List an instrument for one of your verified organisations. Whoever may list for several picks
// which one; whoever may list for none is told who may, instead of the form.
import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ListingFields, type ListingFormShape } from '~/components/listing-form.tsx'
import { Button, Card, FormErrors, Notice, PageTitle, SelectField } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import {
  actingParty,
  forbidden,
  requireMember,
  requireOrgPermission,
} from '~/domains/accounts/auth.server.ts'
import { checkOrgPermission } from '~/domains/accounts/permissions.ts'
import { listingFormSchema } from '~/domains/equipment/listing-form.schema.ts'
import { todayInShanghai } from '~/domains/challenges/beijing-time.ts'
import { newListingDefaults } from '~/domains/equipment/equipment-terms.ts'
import {
  photosOf,
  photoTooLarge,
  readListingForm,
} from '~/domains/equipment/listing-request.server.ts'
import { createListing } from '~/domains/equipment/save-listing.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { now } from '~/clock.server.ts'
import { pickerTypes } from '../../search/type-match.ts'
import { instrumentTypes } from '../../search/vocabulary.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const orgs = auth.memberships
    .filter((m) => checkOrgPermission(m, 'list:equipment:own') === null)
    .map((m) => ({ id: m.orgId, name: m.name }))
  const acting = actingParty(auth)
  const preferred =
    acting.kind === 'org' && orgs.some((o) => o.id === acting.orgId) ? acting.orgId : orgs[0]?.id
  // Organisations where the person could list once verified or promoted, to say why not yet.
  const waiting = auth.memberships
    .filter((m) => checkOrgPermission(m, 'list:equipment:own') !== null)
    .map((m) => ({
      name: m.name,
      slug: m.slug,
      reason: checkOrgPermission(m, 'list:equipment:own'),
    }))
  return {
    orgs,
    preferred: preferred ?? null,
    waiting,
    today: todayInShanghai(now()),
    choices: pickerTypes(),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireMember(request)
  const formData = await readListingForm(request)
  if (!formData) return Response.json({ result: photoTooLarge }, { status: 413 })
  const orgId = formData.get('orgId')
  if (typeof orgId !== 'string' || orgId === '') throw forbidden()
  const { auth } = await requireOrgPermission(request, orgId, 'list:equipment:own')
  const submission = parseWithZod(formData, {
    schema: listingFormSchema(todayInShanghai(now()), instrumentTypes),
  })
  if (submission.status !== 'success') return { result: submission.reply() }
  try {
    const { slug } = await createListing({
      orgId,
      actorUserId: auth.user.id,
      values: submission.value,
      photos: photosOf(formData),
      ip: clientIp(context),
    })
    return redirect(`/equipment/${slug}/edit?done=created`)
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ result }, { status })
  }
}

export const meta: MetaFunction = () => [{ title: '发布设备 · 众创 Zhongchuang' }]

export default function NewListingPage() {
  const { t } = useTranslation('listings')
  const { orgs, preferred, waiting, today, choices } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm<ListingFormShape>({
    lastResult: actionData?.result,
    defaultValue: { ...newListingDefaults, orgId: preferred ?? '' },
    validation: checks(
      () => import('~/domains/equipment/listing-form.schema.ts'),
      (m) => m.listingFormSchema(today, choices.types),
    ),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  if (orgs.length === 0) {
    return (
      <div className="mx-auto max-w-2xl">
        <PageTitle>{t('new.title')}</PageTitle>
        <Card>
          <Notice tone="warning">
            <p className="font-medium">{t('new.denied.title')}</p>
            <p className="mt-1">{t('new.denied.body')}</p>
          </Notice>
          {waiting.length > 0 ? (
            <ul className="mt-4 space-y-1 text-sm">
              {waiting.map((w) => (
                <li key={w.slug}>
                  <Link to={`/orgs/${w.slug}`}>{w.name}</Link>
                  {' · '}
                  {t(`new.denied.reason.${w.reason === 'unverified' ? 'unverified' : 'role'}`)}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="mt-4 flex flex-wrap gap-4 text-sm">
            <Link to="/orgs/new">{t('new.denied.register')}</Link>
            <Link to="/equipment">{t('new.denied.back')}</Link>
          </div>
        </Card>
      </div>
    )
  }
  return (
    <div className="mx-auto max-w-3xl">
      <PageTitle sub={t('new.sub')}>{t('new.title')}</PageTitle>
      <Card>
        <Form
          method="post"
          encType="multipart/form-data"
          {...getFormProps(form)}
          className="space-y-6"
        >
          <FormErrors errors={form.errors} />
          {orgs.length > 1 ? (
            <SelectField
              label={t('fields.org')}
              field={fields.orgId}
              options={orgs.map((o) => ({ value: o.id, label: o.name }))}
            />
          ) : (
            <>
              <input type="hidden" name="orgId" value={orgs[0]?.id ?? ''} />
              <p className="text-sm text-slate-600">{t('new.for', { org: orgs[0]?.name ?? '' })}</p>
            </>
          )}
          <ListingFields form={form} choices={choices} />
          <div className="flex flex-wrap items-center gap-4 border-t border-slate-200 pt-5">
            <Button type="submit" disabled={navigation.state === 'submitting'}>
              {t('new.submit')}
            </Button>
            <p className="text-sm text-slate-600">{t('new.draftNote')}</p>
          </div>
        </Form>
      </Card>
    </div>
  )
}
