// Small pieces every challenge page shows the same way: the award (fixed or a budget range) and
// the time left to the bid deadline, computed on the server so it needs no JavaScript.
import { useTranslation } from 'react-i18next'
import { formatMoney } from '../domains/payments/money.ts'
import type { Language } from '../i18n/config.ts'

export function AwardText({
  mode,
  min,
  max,
  lng,
  plain = false,
}: {
  plain?: boolean
  mode: string
  min: number | null | undefined
  max: number | null | undefined
  lng: Language
}) {
  const { t } = useTranslation('challenges')
  if (mode === 'fixed' && typeof max === 'number') {
    const amount = formatMoney(max, 'CNY', lng)
    return <>{plain ? amount : t('award.fixed', { amount })}</>
  }
  if (typeof min === 'number' && typeof max === 'number')
    return (
      <>
        {t('award.range', {
          min: formatMoney(min, 'CNY', lng),
          max: formatMoney(max, 'CNY', lng),
        })}
      </>
    )
  return null
}

/** "3 days 4 hours left", or "closed", from a number of seconds remaining. */
export function TimeLeft({ seconds }: { seconds: number }) {
  const { t } = useTranslation('challenges')
  if (seconds <= 0) return <>{t('countdown.closed')}</>
  const days = Math.floor(seconds / 86400)
  const hours = Math.floor((seconds % 86400) / 3600)
  if (days > 0) return <>{t('countdown.daysHours', { days, hours })}</>
  const minutes = Math.max(1, Math.floor((seconds % 3600) / 60))
  return <>{t('countdown.hoursMinutes', { hours, minutes })}</>
}
