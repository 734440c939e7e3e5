// Stripe Connect onboarding for payees: the person themself (an individual maker) and each
// organisation whose finances they manage (owners and admins). Opening creates an Express
// account in the chosen country and sends them to Stripe's hosted onboarding; coming back
// (`?return=1`) refreshes the account from Stripe and shows whether it can be paid and what
// Stripe still needs. Mainland-China payees are paid through the custody bank instead.
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { env, publicUrl } from '~/env.server.ts'
import { Button, Card, FormErrors, Notice, PageTitle, SelectField } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { notFound, requireMember, type Auth } from '~/domains/accounts/auth.server.ts'
import type { Party } from '~/domains/payments/ledger.server.ts'
import { financeOrgs } from '~/domains/payments/payment-queries.server.ts'
import { stripeEnabled } from '~/domains/payments/stripe/client.server.ts'
import {
  onboardingLink,
  startOnboarding,
  stripeAccountOf,
  syncAccountFromStripe,
} from '~/domains/payments/stripe/connect-account.server.ts'
import {
  payableCountries,
  StripeOnboardingSchema,
} from '~/domains/payments/stripe/stripe.schema.ts'
import { useRootData } from '~/root.tsx'
import { db } from '../../db/client.server.ts'

type Payee = { key: string; name: string; party: Party }

/** Whom this person may open a Stripe account for: themself, and organisations they run. */
function payeesOf(auth: Auth): Payee[] {
  return [
    { key: 'self', name: auth.user.name, party: { userId: auth.user.id } },
    ...financeOrgs(auth).map((m) => ({ key: m.orgId, name: m.name, party: { orgId: m.orgId } })),
  ]
}

function links(request: Request, key: string) {
  // The site's own address, not the request's Host: Stripe sends people back there.
  const origin = new URL(publicUrl()).origin
  const party = encodeURIComponent(key)
  return {
    refreshUrl: `${origin}/finance/stripe?refresh=${party}`,
    returnUrl: `${origin}/finance/stripe?return=1&party=${party}`,
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  if (!stripeEnabled()) throw notFound()
  const url = new URL(request.url)
  const payees = payeesOf(auth)
  // Stripe sends the payee here when an onboarding link was used or has expired: a new one.
  const refresh = payees.find((p) => p.key === url.searchParams.get('refresh'))
  if (refresh) {
    const account = await stripeAccountOf(db(), refresh.party)
    if (account) throw redirect(await onboardingLink(account.id, links(request, refresh.key)))
  }
  const returned = url.searchParams.get('return') === '1'
  const rows = await Promise.all(
    payees.map(async (p) => {
      let account = await stripeAccountOf(db(), p.party)
      // Back from Stripe: what Stripe says now, not what the last event said.
      if (account && returned && [null, p.key].includes(url.searchParams.get('party')))
        account = (await syncAccountFromStripe(account.id)) ?? account
      return {
        key: p.key,
        name: p.name,
        person: p.party.userId !== undefined,
        account: account
          ? {
              country: account.country,
              chargesEnabled: account.chargesEnabled,
              payoutsEnabled: account.payoutsEnabled,
              detailsSubmitted: account.detailsSubmitted,
              currentlyDue: account.currentlyDue,
            }
          : null,
      }
    }),
  )
  return { parties: rows, returned, countries: payableCountries(env().STRIPE_PLATFORM_COUNTRY) }
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  if (!stripeEnabled()) throw notFound()
  const submission = parseWithZod(await request.formData(), { schema: StripeOnboardingSchema })
  if (submission.status !== 'success') return { result: submission.reply() }
  const payee = payeesOf(auth).find((p) => p.key === submission.value.party)
  if (!payee) return new Response('forbidden', { status: 403 })
  const existing = await stripeAccountOf(db(), payee.party)
  const country = submission.value.country
  // Only where the platform's Stripe can pay out; mainland China is never among them.
  if (!existing && country && !payableCountries(env().STRIPE_PLATFORM_COUNTRY).includes(country))
    return {
      result: submission.reply({
        fieldErrors: { country: ['payments:stripe.errors.countryRefused'] },
      }),
    }
  if (!existing && !country)
    return {
      result: submission.reply({ fieldErrors: { country: ['payments:stripe.errors.country'] } }),
    }
  const started = await startOnboarding({
    party: payee.party,
    country: existing?.country ?? country ?? '',
    email: auth.user.email,
    businessName: payee.name,
    links: links(request, payee.key),
  })
  if (started.kind === 'country-refused')
    return {
      result: submission.reply({
        fieldErrors: { country: ['payments:stripe.errors.countryRefused'] },
      }),
    }
  return redirect(started.url)
}

export const meta: MetaFunction = () => [{ title: 'Stripe 收款账户 · 众创 Zhongchuang' }]

type PartyRow = Awaited<ReturnType<typeof loader>>['parties'][number]

function OnboardingForm({ party }: { party: PartyRow }) {
  const { t } = useTranslation('payments')
  const lng = useRootData()?.locale ?? 'zh-CN'
  const actionData = useActionData<typeof action>()
  const lastResult =
    actionData && 'result' in actionData && actionData.result.initialValue?.party === party.key
      ? actionData.result
      : undefined
  const [form, fields] = useForm({
    id: `stripe-${party.key}`,
    lastResult,
    validation: checks(
      () => import('~/domains/payments/stripe/stripe.schema.ts'),
      'StripeOnboardingSchema',
    ),
    shouldValidate: 'onSubmit',
  })
  const names = new Intl.DisplayNames([lng], { type: 'region' })
  const { countries } = useLoaderData<typeof loader>()
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
      <input type="hidden" name="party" value={party.key} />
      <FormErrors errors={form.errors} />
      {party.account ? null : (
        <div className="max-w-xs">
          <SelectField
            label={t('stripe.connect.country')}
            field={fields.country}
            placeholder={t('stripe.connect.choose')}
            options={countries.map((c) => ({ value: c, label: names.of(c) ?? c }))}
          />
        </div>
      )}
      <Button type="submit" variant={party.account ? 'secondary' : 'primary'}>
        {party.account ? t('stripe.connect.continue') : t('stripe.connect.start')}
      </Button>
    </Form>
  )
}

export default function StripeOnboardingPage() {
  const { t } = useTranslation('payments')
  const { parties, returned } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? 'zh-CN'
  const names = new Intl.DisplayNames([lng], { type: 'region' })
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/finance">← {t('back.finance')}</Link>
      </p>
      <PageTitle sub={t('stripe.connect.sub')}>{t('stripe.connect.title')}</PageTitle>
      {returned ? <Notice tone="success">{t('stripe.connect.returned')}</Notice> : null}
      <Notice tone="info">{t('stripe.connect.mainland')}</Notice>
      {parties.map((p) => {
        const ready = p.account?.chargesEnabled && p.account.payoutsEnabled
        return (
          <Card key={p.key}>
            <h2 className="text-lg font-semibold">
              {p.person ? t('stripe.connect.self', { name: p.name }) : p.name}
            </h2>
            {p.account ? (
              <>
                <p className="mt-1 text-sm text-slate-600">
                  {t('stripe.connect.countryIs', {
                    country: names.of(p.account.country) ?? p.account.country,
                  })}
                </p>
                <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
                  <div className="rounded-md border border-slate-200 p-3">
                    <dt className="text-xs text-slate-600">{t('stripe.connect.charges')}</dt>
                    <dd className="mt-1 font-medium">
                      {p.account.chargesEnabled ? t('stripe.connect.yes') : t('stripe.connect.no')}
                    </dd>
                  </div>
                  <div className="rounded-md border border-slate-200 p-3">
                    <dt className="text-xs text-slate-600">{t('stripe.connect.payouts')}</dt>
                    <dd className="mt-1 font-medium">
                      {p.account.payoutsEnabled ? t('stripe.connect.yes') : t('stripe.connect.no')}
                    </dd>
                  </div>
                </dl>
                {ready ? (
                  <p className="mt-3 text-sm text-green-800">{t('stripe.connect.ready')}</p>
                ) : p.account.currentlyDue.length > 0 ? (
                  <div className="mt-3 text-sm">
                    <p>{t('stripe.connect.pending')}</p>
                    <ul className="mt-1 list-disc pl-5 font-mono text-xs text-slate-700">
                      {p.account.currentlyDue.map((item) => (
                        <li key={item}>{item}</li>
                      ))}
                    </ul>
                  </div>
                ) : (
                  <p className="mt-3 text-sm">{t('stripe.connect.review')}</p>
                )}
                {ready ? null : <OnboardingForm party={p} />}
              </>
            ) : (
              <>
                <p className="mt-1 text-sm text-slate-600">{t('stripe.connect.none')}</p>
                <OnboardingForm party={p} />
              </>
            )}
          </Card>
        )
      })}
    </div>
  )
}
