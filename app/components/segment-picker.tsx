// Choosing industry segments: checkboxes grouped under their first-level segment. Plain form
// inputs, so the choice survives a server round trip without JavaScript.
import { useTranslation } from 'react-i18next'
import { segments } from '../domains/spaces/segments.ts'
import { ErrorList } from './ui/form.tsx'

export function SegmentPicker({
  name,
  legend,
  selected,
  errors,
  errorId,
  hint,
}: {
  name: string
  legend: string
  selected: readonly string[]
  errors?: string[]
  errorId?: string
  hint?: string
}) {
  const { i18n } = useTranslation()
  const en = i18n.language === 'en'
  return (
    <fieldset aria-describedby={errorId}>
      <legend className="block text-sm font-medium text-slate-800">{legend}</legend>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <div className="mt-2 max-h-72 space-y-3 overflow-y-auto rounded-md border border-slate-300 bg-white p-3">
        {segments.map((top) => (
          <div key={top.code}>
            <p className="text-xs font-semibold text-slate-500">{en ? top.en : top.zh}</p>
            <div className="mt-1 grid gap-1 sm:grid-cols-2">
              {(top.children ?? []).map((c) => (
                <label key={c.code} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name={name}
                    value={c.code}
                    defaultChecked={selected.includes(c.code)}
                    className="mt-1"
                  />
                  <span>{en ? c.en : c.zh}</span>
                </label>
              ))}
            </div>
          </div>
        ))}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  )
}
