// The privacy policy (个人信息保护政策) under PIPL. Its version is the one sign-up records as
// consented to; the text lives in the settings catalogue under `privacy.*`.
import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { PRIVACY_POLICY_VERSION } from '~/domains/accounts/sign-up.server.ts'

const CONTACT_EMAIL = 'privacy@zhongchuang.cn'

export async function loader() {
  return { version: PRIVACY_POLICY_VERSION }
}

export const meta: MetaFunction = () => [{ title: '个人信息保护政策 · 众创 Zhongchuang' }]

/** A paragraph key, or a list of item keys; all relative to `privacy.<section>.`. */
type Block = string | { list: string[] }
type Section = { id: string; blocks: Block[] }

const collected = ['account', 'mobile', 'organisation', 'content', 'logs', 'consents'] as const

const sections: Section[] = [
  { id: 'who', blocks: ['p1'] },
  { id: 'collect', blocks: ['intro'] },
  { id: 'sensitive', blocks: ['p1', 'p2', 'p3', 'p4'] },
  { id: 'basis', blocks: ['intro', { list: ['consent', 'contract', 'legal', 'public'] }] },
  { id: 'sharing', blocks: [{ list: ['entrusted', 'shared', 'public', 'noSale', 'authorities'] }] },
  { id: 'storage', blocks: ['location', 'measures', 'incident'] },
  {
    id: 'rights',
    blocks: [
      'intro',
      { list: ['access', 'copy', 'correct', 'delete', 'withdraw', 'explain'] },
      'response',
      'complaint',
    ],
  },
  { id: 'cookies', blocks: ['p1'] },
  { id: 'minors', blocks: ['p1'] },
  { id: 'changes', blocks: ['p1'] },
  { id: 'contact', blocks: ['p1'] },
]

export default function PrivacyPage() {
  const { t } = useTranslation('settings')
  const { version } = useLoaderData<typeof loader>()
  return (
    <div className="mx-auto max-w-3xl">
      <PageTitle sub={t('privacy.version', { version })}>{t('privacy.title')}</PageTitle>
      <Card className="space-y-8 text-sm leading-7 text-slate-800 sm:text-base sm:leading-8">
        <div className="space-y-3">
          <p>{t('privacy.intro.p1')}</p>
          <p>{t('privacy.intro.p2')}</p>
        </div>

        <nav aria-labelledby="privacy-toc" className="rounded-md bg-slate-50 p-4">
          <h2 id="privacy-toc" className="text-base font-semibold text-slate-900">
            {t('privacy.toc')}
          </h2>
          <ol className="mt-2 list-decimal space-y-1 pl-5">
            {sections.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{t(`privacy.${s.id}.title`)}</a>
              </li>
            ))}
          </ol>
        </nav>

        {sections.map((s, index) => (
          <section
            key={s.id}
            id={s.id}
            aria-labelledby={`${s.id}-title`}
            className="scroll-mt-4 space-y-3"
          >
            <h2 id={`${s.id}-title`} className="text-lg font-semibold text-slate-900">
              {index + 1}. {t(`privacy.${s.id}.title`)}
            </h2>
            {s.blocks.map((b) =>
              typeof b === 'string' ? (
                <p key={b}>{t(`privacy.${s.id}.${b}`)}</p>
              ) : (
                <ul key={b.list.join()} className="list-disc space-y-2 pl-5">
                  {b.list.map((item) => (
                    <li key={item}>{t(`privacy.${s.id}.${item}`)}</li>
                  ))}
                </ul>
              ),
            )}
            {s.id === 'collect' ? <Collected /> : null}
            {s.id === 'rights' ? (
              <p className="flex flex-wrap gap-x-6 gap-y-2">
                <Link to="/settings">{t('privacy.rights.goSettings')}</Link>
                <a href="/settings/export" download="zhongchuang-data.json">
                  {t('privacy.rights.goDownload')}
                </a>
              </p>
            ) : null}
            {s.id === 'contact' ? (
              <p>
                {t('privacy.contact.emailLabel')}
                <a href={`mailto:${CONTACT_EMAIL}`} className="break-all">
                  {CONTACT_EMAIL}
                </a>
              </p>
            ) : null}
          </section>
        ))}
      </Card>
    </div>
  )
}

function Collected() {
  const { t } = useTranslation('settings')
  return (
    <div className="space-y-4">
      {collected.map((c) => (
        <div key={c} className="rounded-md border border-slate-200 p-4">
          <h3 className="font-semibold text-slate-900">{t(`privacy.collect.${c}.title`)}</h3>
          <dl className="mt-2 space-y-2">
            <div>
              <dt className="font-medium text-slate-600">{t('privacy.collect.whatLabel')}</dt>
              <dd>{t(`privacy.collect.${c}.what`)}</dd>
            </div>
            <div>
              <dt className="font-medium text-slate-600">{t('privacy.collect.whyLabel')}</dt>
              <dd>{t(`privacy.collect.${c}.why`)}</dd>
            </div>
            <div>
              <dt className="font-medium text-slate-600">{t('privacy.collect.retentionLabel')}</dt>
              <dd>{t(`privacy.collect.${c}.retention`)}</dd>
            </div>
          </dl>
        </div>
      ))}
    </div>
  )
}
