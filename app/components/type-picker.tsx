// Choosing an instrument type from the vocabulary. Without JavaScript it is a text input with a
// <datalist> of every type's label, and the server maps whatever name was typed back to a type;
// with JavaScript it becomes a filterable listbox (an ARIA combobox) that matches every name of
// a type and shows its group. The types come from the loader, never from the vocabulary file.
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  matchTypes,
  nameKey,
  namesOf,
  resolveIn,
  typeLabel,
  type TypeGroup,
  type TypeNames,
} from '../domains/equipment/type-names.ts'
import { ErrorList } from './ui/form.tsx'

export type TypeChoices = { types: TypeNames[]; groups: TypeGroup[] }

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600'

// Enough to choose from while typing; the empty query lists every type, by group.
const MAX_MATCHES = 30

/**
 * Types whose names contain the query, best first: a whole name; an abbreviation, or a part of
 * one (FIB-SEM for SEM), or the start of a Chinese name; the start of any word; anywhere else.
 */
export function filterTypes(types: readonly TypeNames[], query: string): TypeNames[] {
  return query.trim() === '' ? [...types] : matchTypes(types, query, MAX_MATCHES)
}

export function TypePicker({
  id,
  name,
  label,
  hint,
  defaultValue,
  choices,
  errors,
  errorId,
  onChosen,
}: {
  id: string
  name: string
  label: string
  hint?: string
  defaultValue: string
  choices: TypeChoices
  errors?: string[]
  errorId: string
  /** After a choice from the list, so the form can re-validate the field. */
  onChosen?: () => void
}) {
  const { t, i18n } = useTranslation('equipment')
  const lng = i18n.language
  const en = lng === 'en'
  const listId = useId()
  const [enhanced, setEnhanced] = useState(false)
  const [text, setText] = useState(defaultValue)
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const chose = useRef(false)
  useEffect(() => setEnhanced(true), [])
  useEffect(() => {
    if (!chose.current) return
    chose.current = false
    onChosen?.()
  }, [text, onChosen])

  const groupName = useMemo(() => {
    const byId = new Map(choices.groups.map((g) => [g.id, en ? g.en : g.zh]))
    return (id: string) => byId.get(id) ?? ''
  }, [choices.groups, en])
  // Every type, group after group, for browsing the whole list.
  const byGroup = useMemo(() => {
    const known = new Set(choices.groups.map((g) => g.id))
    return [
      ...choices.groups.map((g) => ({
        group: g.id,
        types: choices.types.filter((type) => type.group === g.id),
      })),
      { group: '', types: choices.types.filter((type) => !known.has(type.group)) },
    ].filter((g) => g.types.length > 0)
  }, [choices])
  const chosen = useMemo(() => resolveIn(choices.types, text), [choices.types, text])
  // Grouped while browsing everything; ranked, each with its group, once something is typed.
  const browsing = nameKey(text) === '' || (chosen !== undefined && text === typeLabel(chosen, lng))
  const shown = useMemo(
    () =>
      !enhanced || !open
        ? []
        : browsing
          ? byGroup.flatMap((g) => g.types)
          : filterTypes(choices.types, text),
    [enhanced, open, browsing, byGroup, choices.types, text],
  )
  const optionId = (i: number) => `${id}-option-${i}`
  const invalid = errors?.length ? true : undefined
  const describedBy = [invalid ? errorId : null, hint ? `${id}-hint` : null, `${id}-chosen`]
    .filter(Boolean)
    .join(' ')

  function choose(type: TypeNames) {
    chose.current = true
    setText(typeLabel(type, lng))
    setOpen(false)
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      if (!open) {
        setOpen(true)
        setActive(0)
      } else setActive((a) => Math.min(a + 1, shown.length - 1))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((a) => Math.max(a - 1, 0))
    } else if (e.key === 'Enter' && open) {
      const type = shown[active]
      if (!type) return
      // Enter chooses; it does not submit the form while the list is open.
      e.preventDefault()
      choose(type)
    } else if (e.key === 'Escape' && open) {
      e.preventDefault()
      setOpen(false)
    }
  }

  const option = (type: TypeNames, i: number) => (
    <Option
      key={type.id}
      id={optionId(i)}
      selected={i === active}
      label={typeLabel(type, lng)}
      detail={
        browsing ? (en ? type.zh : type.en) : `${groupName(type.group)} · ${en ? type.zh : type.en}`
      }
      onChoose={() => choose(type)}
      onHover={() => setActive(i)}
    />
  )

  let offset = 0
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="relative">
        <input
          id={id}
          name={name}
          type="text"
          autoComplete="off"
          value={text}
          placeholder={t('typePicker.placeholder')}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className={inputClass}
          {...(enhanced
            ? {
                role: 'combobox',
                'aria-autocomplete': 'list' as const,
                'aria-expanded': open,
                'aria-controls': listId,
                'aria-activedescendant': open && shown[active] ? optionId(active) : undefined,
                onKeyDown,
                // Focus after a refused submit lands here to show the message: the list would
                // cover it, so it opens on a click or on typing instead.
                onFocus: () => {
                  if (errors?.length) return
                  setOpen(true)
                  setActive(0)
                },
                onBlur: () => setOpen(false),
                onClick: () => setOpen(true),
              }
            : { list: listId })}
          onChange={(e) => {
            setText(e.target.value)
            setOpen(true)
            setActive(0)
          }}
        />
        {enhanced ? (
          <div
            id={listId}
            role="listbox"
            aria-label={label}
            hidden={!open}
            className="absolute z-20 mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg"
          >
            {shown.length === 0 ? (
              <p className="px-3 py-2 text-slate-500">{t('typePicker.noMatch')}</p>
            ) : browsing ? (
              byGroup.map((g) => {
                const first = offset
                offset += g.types.length
                return (
                  <div key={g.group} role="group" aria-labelledby={`${id}-group-${g.group}`}>
                    <div
                      id={`${id}-group-${g.group}`}
                      className="bg-slate-50 px-3 pt-2 pb-1 text-xs font-semibold text-slate-600"
                    >
                      {groupName(g.group)}
                    </div>
                    {g.types.map((type, j) => option(type, first + j))}
                  </div>
                )
              })
            ) : (
              shown.map(option)
            )}
          </div>
        ) : (
          <datalist id={listId}>
            {choices.types.map((type) => (
              <option key={type.id} value={typeLabel(type, lng)} label={groupName(type.group)} />
            ))}
          </datalist>
        )}
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <p id={`${id}-chosen`} aria-live="polite" className="mt-1 text-xs text-slate-700">
        {chosen
          ? t('typePicker.chosen', {
              names: namesOf(chosen).join(' · '),
              group: groupName(chosen.group),
            })
          : null}
      </p>
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

function Option({
  id,
  selected,
  label,
  detail,
  onChoose,
  onHover,
}: {
  id: string
  selected: boolean
  label: string
  detail: string
  onChoose: () => void
  onHover: () => void
}) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' })
  }, [selected])
  return (
    <div
      ref={ref}
      id={id}
      role="option"
      aria-selected={selected}
      // Keeps the focus in the input, so the choice does not blur and close the list first.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onChoose}
      onMouseMove={onHover}
      className={`flex cursor-pointer flex-wrap items-baseline justify-between gap-x-3 px-3 py-1.5 ${
        selected ? 'bg-brand-50 text-brand-900' : 'text-slate-900'
      }`}
    >
      <span className="font-medium">{label}</span>
      <span className="text-xs text-slate-600">{detail}</span>
    </div>
  )
}
