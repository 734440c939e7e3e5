// The redemption packet as a printable page, the same layout as the PDF (redemption-packet.ts
// decides what goes where). On screen it is an A4 sheet on the page; printed, only the sheet is
// left, so the route that shows it hides its own chrome with `print:hidden`.
import {
  layoutPacket,
  type PacketField,
  type PacketSection,
  type PacketTable,
  type RedemptionPacket,
} from '../../domains/equipment/redemption-packet.ts'

// Page size and margins cannot be set with utilities; the sheet's own padding is dropped in
// print so that these margins are the only ones, and the site's grey page background with it.
const PAGE_CSS =
  '@page { size: A4; margin: 18mm 20mm 22mm; } @media print { html, body { background: white; } }'

export function RedemptionPacketView({ packet }: { packet: RedemptionPacket }) {
  const layout = layoutPacket(packet)
  return (
    <article
      lang="zh-CN"
      className="mx-auto w-full max-w-[210mm] rounded-lg border border-slate-200 bg-white px-4 py-6 sm:px-[20mm] sm:py-[18mm] text-slate-900 shadow-sm [print-color-adjust:exact] print:max-w-none print:rounded-none print:border-0 print:p-0 print:shadow-none"
    >
      <style>{PAGE_CSS}</style>
      <header className="border-b border-slate-900 pb-3 text-center">
        <h1 className="text-2xl font-bold">{layout.title}</h1>
        <p className="mt-1 text-xs text-slate-600">
          {layout.meta.map((m) => (
            <span key={m.label} className="mx-3 inline-block">
              {m.label}：{m.value}
            </span>
          ))}
        </p>
      </header>

      {layout.sections.map((section) => (
        <Section key={section.title} section={section} />
      ))}

      <div className="mt-8 break-inside-avoid">
        <p className="text-sm leading-relaxed">{layout.declaration}</p>
        <div className="mt-4 grid gap-5 sm:grid-cols-2 print:grid-cols-2">
          {layout.seals.map((seal) => (
            <div key={seal.party} className="flex h-44 flex-col border border-slate-600 p-3">
              <p className="text-sm font-bold">{seal.party}</p>
              <p className="mt-0.5 text-xs text-slate-600">{seal.organisation}</p>
              <div className="mt-auto space-y-1.5 text-sm">
                {layout.sealLines.map((line) => (
                  <p key={line} className="whitespace-pre-wrap">
                    {line}
                  </p>
                ))}
              </div>
            </div>
          ))}
        </div>
      </div>
    </article>
  )
}

function Section({ section }: { section: PacketSection }) {
  return (
    <section className="mt-6">
      <h2 className="break-after-avoid border-b border-slate-300 pb-1 text-base font-bold">
        {section.title}
      </h2>
      {section.fields.length > 0 ? (
        <dl className="mt-2 grid grid-cols-[6rem_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[9rem_minmax(0,1fr)]">
          {section.fields.map((f) => (
            <div key={f.label} className="contents">
              <dt className="text-slate-600">{f.label}</dt>
              <dd className="min-w-0 [overflow-wrap:anywhere]">{f.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {section.table ? <Table table={section.table} /> : null}
      {section.totals ? <Totals totals={section.totals} /> : null}
      {section.notes?.map((note) => (
        <p key={note} className="mt-1 text-xs text-slate-600">
          {note}
        </p>
      ))}
    </section>
  )
}

function Table({ table }: { table: PacketTable }) {
  const align = (i: number) => (table.columns[i]?.align === 'right' ? 'text-right' : 'text-left')
  return (
    <div className="overflow-x-auto print:overflow-visible">
      <table className="mt-2 w-full border-collapse text-sm">
        <thead className="bg-slate-100 text-slate-600">
          <tr>
            {table.columns.map((c, i) => (
              <th
                key={c.label}
                scope="col"
                // The first column takes the width the figures leave.
                className={`whitespace-nowrap px-2 py-1.5 font-medium ${align(i)} ${i === 0 ? 'w-full' : ''}`}
              >
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r} className="break-inside-avoid border-b border-slate-200">
              {row.map((cell, i) => (
                <td
                  key={i}
                  className={`px-2 py-1.5 ${align(i)} ${i > 0 ? 'whitespace-nowrap tabular-nums' : ''}`}
                >
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Totals({ totals }: { totals: PacketField[] }) {
  return (
    <dl className="mt-3 ml-auto grid w-full max-w-80 grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm break-inside-avoid">
      {totals.map((t, i) => {
        const last = i === totals.length - 1
        return (
          <div key={t.label} className="contents">
            <dt className={`text-right ${last ? 'font-bold text-slate-900' : 'text-slate-600'}`}>
              {t.label}
            </dt>
            <dd className={`text-right tabular-nums ${last ? 'text-base font-bold' : ''}`}>
              {t.value}
            </dd>
          </div>
        )
      })}
    </dl>
  )
}
