// The statistics report as an A4 sheet: on screen a sheet on the page; printed, only the sheet
// (the site's header and footer are print:hidden, the route hides its own controls).
import type { FiguresReport } from '~/domains/spaces/figures-report.server.ts'

const PAGE_CSS =
  '@page { size: A4; margin: 15mm 15mm 18mm; } @media print { html, body { background: white; } }'

const cell = 'border border-slate-500 px-2 py-1 align-top'

export function FiguresReportView({ report }: { report: FiguresReport }) {
  return (
    <article
      lang="zh-CN"
      className="mx-auto w-full max-w-[210mm] rounded-lg border border-slate-200 bg-white px-4 py-6 text-slate-900 shadow-sm [print-color-adjust:exact] sm:px-[15mm] sm:py-[15mm] print:max-w-none print:rounded-none print:border-0 print:p-0 print:shadow-none"
    >
      <style>{PAGE_CSS}</style>
      <h1 className="text-center text-xl font-bold sm:text-2xl">{report.title}</h1>
      <dl className="mt-5 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2 print:grid-cols-2">
        {report.particulars.map((p) => (
          <div key={p.label} className="flex gap-2 border-b border-slate-300 py-1">
            <dt className="shrink-0 font-semibold">{p.label}：</dt>
            <dd className="min-w-0 break-words">{p.value}</dd>
          </div>
        ))}
      </dl>

      <h2 className="mt-6 text-base font-bold">{report.headings.indicators}</h2>
      <div className="mt-2 overflow-x-auto print:overflow-visible">
        <table className="w-full border-collapse text-xs sm:text-sm print:text-[10pt]">
          <thead>
            <tr className="bg-slate-100">
              <th scope="col" className={`${cell} w-12 whitespace-nowrap text-center`}>
                {report.headings.no}
              </th>
              <th scope="col" className={`${cell} w-36 text-left`}>
                {report.headings.name}
              </th>
              <th scope="col" className={`${cell} w-40 text-left`}>
                {report.headings.value}
              </th>
              <th scope="col" className={`${cell} text-left`}>
                {report.headings.formula}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.indicators.map((r) => (
              <tr key={r.no} className="break-inside-avoid">
                <td className={`${cell} text-center tabular-nums`}>{r.no}</td>
                <td className={cell}>{r.name}</td>
                <td className={`${cell} tabular-nums`}>{r.value}</td>
                <td className={`${cell} text-[11px] leading-snug text-slate-700 print:text-[8pt]`}>
                  {r.formula}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 className="mt-6 text-base font-bold print:break-before-page">
        {report.headings.monthly}
      </h2>
      {report.monthly.map((chunk) => (
        <div
          key={chunk.months[0]}
          className="mt-2 overflow-x-auto break-inside-avoid print:overflow-visible"
        >
          <table className="w-full border-collapse text-xs print:text-[9pt]">
            <thead>
              <tr className="bg-slate-100">
                <th scope="col" className={`${cell} text-left`}>
                  {report.headings.name}
                </th>
                {chunk.months.map((m) => (
                  <th key={m} scope="col" className={`${cell} whitespace-nowrap text-right`}>
                    {m}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {chunk.rows.map((r) => (
                <tr key={r.name}>
                  <th scope="row" className={`${cell} text-left font-normal`}>
                    {r.name}
                  </th>
                  {r.values.map((v, i) => (
                    <td
                      key={chunk.months[i]}
                      className={`${cell} whitespace-nowrap text-right tabular-nums`}
                    >
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}

      <div className="mt-8 grid grid-cols-1 gap-x-8 gap-y-5 text-sm break-inside-avoid sm:grid-cols-2 print:grid-cols-2">
        {report.signature.map((line) => (
          <p key={line} className="flex items-end gap-2">
            <span className="shrink-0 font-semibold">{line}</span>
            <span className="h-6 flex-1 border-b border-slate-600" />
          </p>
        ))}
      </div>
      <p className="mt-6 text-xs text-slate-500">{report.generated}</p>
    </article>
  )
}
