// Reputation in challenges: a one-line track record for profiles and bid cards, an
// organisation's section, and the stars both use. The work page's rating card is in
// challenge-wrap-up.tsx, so the pages that only show a track record do not load its form's
// validation.
import { useTranslation } from 'react-i18next'
import type { Reputation } from '~/domains/challenges/ratings.schema.ts'
import { Card } from '../ui/form.tsx'

export function Stars({ rating }: { rating: number }) {
  const { t } = useTranslation('reputation')
  const full = Math.round(rating)
  return (
    <span className="whitespace-nowrap text-amber-500" title={t('stars', { rating })}>
      <span aria-hidden="true">
        {'★'.repeat(full)}
        <span className="text-slate-300">{'★'.repeat(5 - full)}</span>
      </span>
      <span className="sr-only">{t('stars', { rating })}</span>
    </span>
  )
}

/** One line of a track record: completed challenges, on-time rate, average rating received. */
export function ReputationLine({ rep, poster = false }: { rep: Reputation; poster?: boolean }) {
  const { t } = useTranslation('reputation')
  const completed = rep.completedAsSolver + (poster ? rep.completedAsPoster : 0)
  if (completed === 0 && rep.acceptedMilestones === 0 && rep.ratingCount === 0)
    return <span className="text-sm text-slate-500">{t('profile.none')}</span>
  return (
    <span className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
      <span>{t('profile.completed', { count: completed })}</span>
      {rep.acceptedMilestones > 0 ? (
        <span>
          {t('profile.onTime', {
            percent: Math.round((rep.onTimeMilestones / rep.acceptedMilestones) * 100),
            onTime: rep.onTimeMilestones,
            accepted: rep.acceptedMilestones,
          })}
        </span>
      ) : null}
      {rep.ratingAverage !== null ? (
        <span className="flex items-center gap-1">
          <Stars rating={rep.ratingAverage} />
          {t('profile.average', { average: rep.ratingAverage.toFixed(1), count: rep.ratingCount })}
        </span>
      ) : (
        <span className="text-slate-500">{t('profile.noRatings')}</span>
      )}
    </span>
  )
}

/** The section an organisation's page shows. */
export function OrgReputation({ rep }: { rep: Reputation }) {
  const { t } = useTranslation('reputation')
  return (
    <Card>
      <h2 className="text-lg font-semibold">{t('profile.title')}</h2>
      <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="text-slate-600">{t('profile.asPoster')}</dt>
        <dd>{t('profile.completed', { count: rep.completedAsPoster })}</dd>
        <dt className="text-slate-600">{t('profile.asSolver')}</dt>
        <dd>{t('profile.completed', { count: rep.completedAsSolver })}</dd>
        <dt className="text-slate-600">{t('profile.onTimeLabel')}</dt>
        <dd>
          {rep.acceptedMilestones > 0
            ? t('profile.onTime', {
                percent: Math.round((rep.onTimeMilestones / rep.acceptedMilestones) * 100),
                onTime: rep.onTimeMilestones,
                accepted: rep.acceptedMilestones,
              })
            : '—'}
        </dd>
        <dt className="text-slate-600">{t('profile.averageLabel')}</dt>
        <dd className="flex flex-wrap items-center gap-1">
          {rep.ratingAverage !== null ? (
            <>
              <Stars rating={rep.ratingAverage} />
              {t('profile.average', {
                average: rep.ratingAverage.toFixed(1),
                count: rep.ratingCount,
              })}
            </>
          ) : (
            t('profile.noRatings')
          )}
        </dd>
      </dl>
    </Card>
  )
}
