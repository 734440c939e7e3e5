// The booking form's calendar: one week of an instrument in half-hour cells (Beijing time), or
// for sample testing the days with how many samples the lab can still take. A free cell is a
// submit button of the surrounding form that asks the page again with that start (`pick`), so
// picking works without JavaScript; with it, `onPick` fills the fields in place instead.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { dayAndWeekday } from '~/i18n/format.ts'

export type CellState = 'free' | 'busy' | 'closed' | 'past' | 'lead'
export type SlotPickerDay = {
  date: string
  reason: 'closed' | 'blackout' | 'leadTime' | null
  cells: CellState[]
  samplesLeft: number | null
}
export type SlotPickerCalendar = {
  week: number
  weeks: number
  times: string[]
  days: SlotPickerDay[]
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/**
 * What the calendar knows of a chosen slot: 'busy' when part of it is taken on every unit,
 * 'closed' when part of it is outside opening hours, too soon or past, null when every half
 * hour of it is free, and undefined when the week shown does not hold it.
 */
export function slotConflict(
  calendar: SlotPickerCalendar,
  date: string,
  startTime: string,
  hours: number,
): 'busy' | 'closed' | null | undefined {
  const day = calendar.days.find((d) => d.date === date)
  if (!day || !/^\d{2}:\d{2}$/.test(startTime) || !(hours > 0)) return undefined
  const from = minutesOf(startTime)
  const to = from + hours * 60
  let closed = false
  // A slot running past the last row of the day's axis runs past closing time.
  const last = calendar.times[calendar.times.length - 1]
  if (
    last === undefined ||
    to > minutesOf(last) + 30 ||
    from < minutesOf(calendar.times[0] ?? '00:00')
  )
    closed = true
  for (const [i, time] of calendar.times.entries()) {
    const start = minutesOf(time)
    if (start + 30 <= from || start >= to) continue
    const state = day.cells[i]
    if (state === 'busy') return 'busy'
    if (state !== 'free') closed = true
  }
  return closed ? 'closed' : null
}

const cellStyle: Record<CellState, string> = {
  free: 'bg-emerald-50 text-emerald-900 ring-1 ring-inset ring-emerald-200 hover:bg-emerald-100',
  busy: 'bg-[repeating-linear-gradient(135deg,#fecaca_0_4px,#fee2e2_4px_8px)] text-red-900',
  closed: 'bg-slate-100 text-slate-400',
  past: 'bg-slate-100 text-slate-400',
  lead: 'bg-amber-50 text-amber-700',
}

export function SlotPicker({
  calendar,
  mode,
  selected,
  leadTimeHours,
  weekHref,
  onPick,
  lng,
}: {
  calendar: SlotPickerCalendar
  mode: 'time' | 'samples'
  selected: { date: string; startTime: string; hours: number }
  leadTimeHours: number
  /** The page's address for another week, keeping what the query already holds. */
  weekHref: (week: number) => string
  /** With JavaScript: fill the fields with this start instead of asking the page again. */
  onPick: (date: string, startTime: string) => void
  lng: string
}) {
  const { t } = useTranslation('booking-form')
  const first = calendar.days[0]
  const last = calendar.days[calendar.days.length - 1]
  const range =
    first && last
      ? `${dayAndWeekday(first.date, lng).day} – ${dayAndWeekday(last.date, lng).day}`
      : ''
  const from = minutesOf(selected.startTime)
  const to = from + selected.hours * 60
  const chosen = (date: string, time: string) =>
    mode === 'time' &&
    date === selected.date &&
    /^\d{2}:\d{2}$/.test(selected.startTime) &&
    minutesOf(time) + 30 > from &&
    minutesOf(time) < to
  const reasonText = (day: SlotPickerDay) =>
    day.reason === 'leadTime'
      ? t('calendar.reason.leadTime', { hours: leadTimeHours })
      : day.reason
        ? t(`calendar.reason.${day.reason}`)
        : null
  const stateText = (state: CellState) => t(`calendar.state.${state}`)
  const pickButton = (date: string, time: string, label: string, pressed: boolean) => ({
    type: 'submit' as const,
    name: 'pick',
    value: time ? `${date}T${time}` : date,
    formMethod: 'get' as const,
    formNoValidate: true,
    'aria-pressed': pressed,
    'aria-label': label,
    onClick: (event: React.MouseEvent<HTMLButtonElement>) => {
      event.preventDefault()
      onPick(date, time)
    },
  })

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900" id="slot-picker-heading">
          {t('calendar.heading', { range })}
          <span className="ml-2 font-normal text-slate-500">{t('calendar.beijing')}</span>
        </h3>
        <nav className="flex gap-2" aria-label={t('calendar.weeks')}>
          {calendar.week > 0 ? (
            <Link
              to={weekHref(calendar.week - 1)}
              preventScrollReset
              className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
            >
              ← {t('calendar.prev')}
            </Link>
          ) : null}
          <span className="px-1 py-1 text-sm text-slate-600">
            {t('calendar.weekOf', { n: calendar.week + 1, of: calendar.weeks })}
          </span>
          {calendar.week + 1 < calendar.weeks ? (
            <Link
              to={weekHref(calendar.week + 1)}
              preventScrollReset
              className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
            >
              {t('calendar.next')} →
            </Link>
          ) : null}
        </nav>
      </div>

      {mode === 'samples' ? (
        <ul
          className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-7"
          aria-labelledby="slot-picker-heading"
        >
          {calendar.days.map((day) => {
            const label = dayAndWeekday(day.date, lng)
            const left = day.samplesLeft ?? 0
            const reason = reasonText(day) ?? (left <= 0 ? t('calendar.reason.full') : null)
            const pressed = day.date === selected.date
            return (
              <li key={day.date}>
                {reason ? (
                  <div className="h-full rounded-md bg-slate-100 px-2 py-2 text-sm text-slate-500">
                    <p className="font-medium">
                      {label.day} {label.weekday}
                    </p>
                    <p className="text-xs">{reason}</p>
                  </div>
                ) : (
                  <button
                    {...pickButton(
                      day.date,
                      '',
                      `${label.day} ${label.weekday}: ${t('calendar.samplesLeft', { count: left })}`,
                      pressed,
                    )}
                    className={`h-full w-full rounded-md px-2 py-2 text-left text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${
                      pressed
                        ? 'bg-brand-600 text-white'
                        : 'bg-emerald-50 text-emerald-900 ring-1 ring-inset ring-emerald-200 hover:bg-emerald-100'
                    }`}
                  >
                    <span className="block font-medium">
                      {label.day} {label.weekday}
                    </span>
                    <span className="block text-xs">
                      {t('calendar.samplesLeft', { count: left })}
                    </span>
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      ) : calendar.times.length === 0 ? (
        <p className="text-sm text-slate-500">{t('calendar.noHours')}</p>
      ) : (
        // On a phone the week scrolls sideways under a time column that stays put.
        <div className="max-h-[28rem] overflow-auto lg:max-h-none rounded-md border border-slate-200">
          <table className="w-full border-separate border-spacing-0 text-xs">
            <caption className="sr-only">{t('calendar.caption')}</caption>
            <thead className="sticky top-0 z-20 bg-white">
              <tr>
                <th
                  scope="col"
                  className="sticky left-0 z-30 w-14 border-b border-slate-200 bg-white px-2 py-2 text-left font-medium text-slate-500"
                >
                  {t('calendar.time')}
                </th>
                {calendar.days.map((day) => {
                  const label = dayAndWeekday(day.date, lng)
                  const reason = reasonText(day)
                  return (
                    <th
                      key={day.date}
                      scope="col"
                      className="min-w-[4.5rem] border-b border-slate-200 px-1 py-2 text-center align-top font-medium text-slate-800"
                    >
                      <span className="block">{label.weekday}</span>
                      <span className="block text-slate-500">{label.day}</span>
                      {reason ? (
                        <span className="mt-1 block text-[11px] font-normal leading-tight text-amber-800">
                          {reason}
                        </span>
                      ) : null}
                    </th>
                  )
                })}
              </tr>
            </thead>
            <tbody>
              {calendar.times.map((time, row) => (
                <tr key={time}>
                  <th
                    scope="row"
                    className="sticky left-0 z-10 bg-white px-2 py-0.5 text-left font-normal tabular-nums text-slate-500"
                  >
                    {time}
                  </th>
                  {calendar.days.map((day) => {
                    const state = day.cells[row] ?? 'closed'
                    const isChosen = chosen(day.date, time)
                    const label = dayAndWeekday(day.date, lng)
                    const text = `${label.day} ${label.weekday} ${time}: ${stateText(state)}`
                    return (
                      <td key={day.date} className="p-0.5">
                        {state === 'free' ? (
                          <button
                            {...pickButton(
                              day.date,
                              time,
                              text,
                              isChosen && time === selected.startTime,
                            )}
                            className={`block h-7 w-full rounded focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${
                              isChosen ? 'bg-brand-600 text-white' : cellStyle.free
                            }`}
                          >
                            <span aria-hidden="true">
                              {time === selected.startTime && isChosen ? '●' : ''}
                            </span>
                          </button>
                        ) : (
                          <span
                            role="img"
                            aria-label={text}
                            title={stateText(state)}
                            className={`block h-7 w-full rounded ${
                              isChosen ? 'bg-red-600 ring-2 ring-red-700' : cellStyle[state]
                            }`}
                          />
                        )}
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {mode === 'time' ? (
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-hidden="true">
          <li className="flex items-center gap-1">
            <span className={`inline-block h-3 w-4 rounded ${cellStyle.free}`} />
            {t('calendar.state.free')}
          </li>
          <li className="flex items-center gap-1">
            <span className={`inline-block h-3 w-4 rounded ${cellStyle.busy}`} />
            {t('calendar.state.busy')}
          </li>
          <li className="flex items-center gap-1">
            <span className={`inline-block h-3 w-4 rounded ${cellStyle.lead}`} />
            {t('calendar.state.lead')}
          </li>
          <li className="flex items-center gap-1">
            <span className={`inline-block h-3 w-4 rounded ${cellStyle.closed}`} />
            {t('calendar.state.closed')}
          </li>
          <li className="flex items-center gap-1">
            <span className="inline-block h-3 w-4 rounded bg-brand-600" />
            {t('calendar.chosen')}
          </li>
        </ul>
      ) : null}
    </div>
  )
}
