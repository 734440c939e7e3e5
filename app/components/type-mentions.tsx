// "涉及仪器与技术：…": the instrument types a challenge or campaign names, each a search for
// offerings of that type (instruments to book, other challenges, labs).
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

export type MentionedType = { id: string; zh: string; en: string }

export function TypeMentions({
  types,
  className = '',
}: {
  types: readonly MentionedType[]
  className?: string
}) {
  const { t, i18n } = useTranslation('equipment')
  if (types.length === 0) return null
  const en = i18n.language === 'en'
  return (
    <p className={`text-sm text-slate-700 ${className}`}>
      <span className="text-slate-600">{t('mentions.label')}</span>
      {types.map((type, i) => (
        <span key={type.id}>
          {i > 0 ? (en ? ', ' : '、') : en ? ' ' : ''}
          <Link to={`/search?${new URLSearchParams({ q: type.zh })}`}>
            {en ? type.en : type.zh}
          </Link>
        </span>
      ))}
    </p>
  )
}
