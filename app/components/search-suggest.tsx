// The header's search box with suggestions as one types: matching instrument types, then the
// first offerings found, as an ARIA combobox with a listbox (arrows, Enter, Escape). Without
// JavaScript it is the plain search form it renders first.
import { Form, useFetcher, useNavigate } from '@remix-run/react'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '../i18n/config.ts'
import type { Suggestions } from '../routes/search.suggest.ts'
import { cityLabel } from '../../search/cities.ts'

const DEBOUNCE_MS = 150

type Option = { key: string; href: string; kind: 'type' | 'hit' }

export function SearchSuggest({ locale }: { locale: Language }) {
  const { t } = useTranslation()
  const fetcher = useFetcher<Suggestions>()
  const navigate = useNavigate()
  const id = useId()
  const listId = `${id}-list`
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const [value, setValue] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  useEffect(() => () => clearTimeout(timer.current), [])

  // Suggestions for what the box holds now; an answer for older text is not shown.
  const data = fetcher.data && fetcher.data.q === value.trim() ? fetcher.data : undefined
  const types = data?.types ?? []
  const hits = data?.hits ?? []
  const options: Option[] = [
    ...types.map((s) => ({ key: `type-${s.id}`, href: s.href, kind: 'type' as const })),
    ...hits.map((h) => ({ key: `hit-${h.url}`, href: h.url, kind: 'hit' as const })),
  ]
  const expanded = open && options.length > 0
  const optionId = (i: number) => `${id}-option-${i}`

  const change = (next: string) => {
    setValue(next)
    setActive(-1)
    setOpen(true)
    clearTimeout(timer.current)
    const q = next.trim()
    if (!q) return
    timer.current = setTimeout(
      () => fetcher.load(`/search/suggest?${new URLSearchParams({ q })}`),
      DEBOUNCE_MS,
    )
  }
  const go = (option: Option | undefined) => {
    if (!option) return
    setOpen(false)
    setActive(-1)
    navigate(option.href)
  }

  return (
    <Form
      method="get"
      action="/search"
      role="search"
      className="relative order-4 flex w-full flex-1 sm:order-none sm:w-auto sm:min-w-64"
      onSubmit={() => setOpen(false)}
    >
      <label htmlFor="site-search" className="sr-only">
        {t('search.label')}
      </label>
      <input
        id="site-search"
        name="q"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        value={value}
        onChange={(event) => change(event.currentTarget.value)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            if (options.length === 0) return
            event.preventDefault()
            setOpen(true)
            const step = event.key === 'ArrowDown' ? 1 : -1
            // From the box the arrows enter the list at either end; past an end they return.
            setActive((i) => {
              const next = i + step
              if (next < -1) return options.length - 1
              return next >= options.length ? -1 : next
            })
          } else if (event.key === 'Enter' && expanded && active >= 0) {
            event.preventDefault()
            go(options[active])
          } else if (event.key === 'Escape') {
            if (expanded) {
              event.preventDefault()
              setOpen(false)
              setActive(-1)
            }
          }
        }}
        placeholder={t('search.placeholder')}
        className="w-full min-w-0 rounded-l-md border border-slate-300 px-3 py-1.5 text-sm"
      />
      <button
        type="submit"
        className="shrink-0 whitespace-nowrap rounded-r-md border border-l-0 border-slate-300 bg-slate-100 px-3 text-sm"
      >
        {t('search.submit')}
      </button>
      <div
        id={listId}
        role="listbox"
        aria-label={t('search.suggest.label')}
        hidden={!expanded}
        className="absolute left-0 right-0 top-full z-30 mt-1 max-h-[70vh] overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
      >
        {types.length > 0 ? (
          <div role="group" aria-labelledby={`${id}-types`}>
            <div
              id={`${id}-types`}
              role="presentation"
              className="px-3 pb-1 pt-1.5 text-xs font-medium text-slate-500"
            >
              {t('search.suggest.types')}
            </div>
            {types.map((s, i) => (
              <SuggestOption
                key={s.id}
                id={optionId(i)}
                active={active === i}
                onPick={() => go(options[i])}
                onHover={() => setActive(i)}
              >
                <span className="font-medium text-slate-900">{locale === 'en' ? s.en : s.zh}</span>
                {s.abbreviation ? (
                  <span className="text-slate-700"> · {s.abbreviation}</span>
                ) : null}
                {locale === 'en' ? (
                  <span lang="zh-CN" className="text-slate-600">
                    {' '}
                    · {s.zh}
                  </span>
                ) : null}
                <span className="text-slate-500"> — {t('search.suggest.typeTag')}</span>
              </SuggestOption>
            ))}
          </div>
        ) : null}
        {hits.length > 0 ? (
          <div role="group" aria-labelledby={`${id}-hits`}>
            <div
              id={`${id}-hits`}
              role="presentation"
              className="px-3 pb-1 pt-1.5 text-xs font-medium text-slate-500"
            >
              {t('search.suggest.offerings')}
            </div>
            {hits.map((h, j) => {
              const i = types.length + j
              return (
                <SuggestOption
                  key={h.url}
                  id={optionId(i)}
                  active={active === i}
                  onPick={() => go(options[i])}
                  onHover={() => setActive(i)}
                >
                  <span className="block truncate text-slate-900">{h.title}</span>
                  {/* The two lines are one name to a screen reader: keep them apart. */}
                  <span className="sr-only"> · </span>
                  <span className="block text-xs text-slate-500">
                    {t(`searchPage.kinds.${h.kind}`)}
                    {h.city ? ` · ${cityLabel(h.city, locale)}` : ''}
                  </span>
                </SuggestOption>
              )
            })}
          </div>
        ) : null}
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {expanded ? t('search.suggest.status', { count: options.length }) : ''}
      </p>
    </Form>
  )
}

function SuggestOption({
  id,
  active,
  onPick,
  onHover,
  children,
}: {
  id: string
  active: boolean
  onPick: () => void
  onHover: () => void
  children: React.ReactNode
}) {
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      // Pressing keeps the focus in the box, so the list is still there when the click lands.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onPick}
      onMouseEnter={onHover}
      className={`cursor-pointer px-3 py-2 ${active ? 'bg-brand-50' : 'hover:bg-slate-50'}`}
    >
      {children}
    </div>
  )
}
