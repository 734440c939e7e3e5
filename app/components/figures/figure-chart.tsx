// A chart of figures over months, drawn by ECharts in the browser once its code has loaded.
// Progressive enhancement: the table under every chart carries the same numbers, so the chart
// is hidden from assistive technology and simply absent without JavaScript.
import { useEffect, useRef, useState } from 'react'

export type ChartSeries = {
  name: string
  /** Bars for counts and money, a line for ratios (on the right-hand percentage axis). */
  kind: 'bar' | 'line'
  data: (number | null)[]
}

type EChartsModule = typeof import('./echarts-setup.ts')

export function FigureChart({
  months,
  series,
  valueSuffix,
  percentAxis,
}: {
  months: string[]
  series: ChartSeries[]
  /** Shown after values on the left axis and in the tooltip (¥ amounts are in yuan). */
  valueSuffix?: string
  /** Whether line series are percentages on a right-hand axis. */
  percentAxis?: boolean
}) {
  const ref = useRef<HTMLDivElement>(null)
  const [lib, setLib] = useState<EChartsModule | null>(null)

  useEffect(() => {
    let cancelled = false
    import('./echarts-setup.ts')
      .then((m) => {
        if (!cancelled) setLib(m)
      })
      .catch(() => {
        // Without the chart the table below still tells everything.
      })
    return () => {
      cancelled = true
    }
  }, [])

  const signature = JSON.stringify({ months, series, valueSuffix, percentAxis })
  useEffect(() => {
    const el = ref.current
    if (!lib || !el) return
    const chart = lib.echarts.init(el, null, { renderer: 'svg' })
    const narrow = el.clientWidth < 480
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', confine: true },
      legend: { type: 'scroll', top: 0, textStyle: { fontSize: narrow ? 11 : 12 } },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: months,
        axisLabel: { fontSize: narrow ? 10 : 12, hideOverlap: true },
      },
      yAxis: [
        {
          type: 'value',
          minInterval: 1,
          axisLabel: { fontSize: narrow ? 10 : 12 },
          name: valueSuffix,
          nameTextStyle: { align: 'left' },
        },
        ...(percentAxis
          ? [
              {
                type: 'value',
                min: 0,
                max: 100,
                axisLabel: { formatter: '{value}%', fontSize: narrow ? 10 : 12 },
                splitLine: { show: false },
              },
            ]
          : []),
      ],
      color: ['#2563eb', '#16a34a', '#f59e0b', '#9333ea', '#dc2626', '#0891b2'],
      series: series.map((s) => ({
        name: s.name,
        type: s.kind,
        data: s.data,
        yAxisIndex: percentAxis && s.kind === 'line' ? 1 : 0,
        connectNulls: false,
        barMaxWidth: 28,
        ...(s.kind === 'line' ? { symbolSize: 6 } : {}),
      })),
    })
    const observer = new ResizeObserver(() => chart.resize())
    observer.observe(el)
    return () => {
      observer.disconnect()
      chart.dispose()
    }
    // The signature stands for every input of the option.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lib, signature])

  return (
    <div
      ref={ref}
      aria-hidden="true"
      className={lib ? 'h-64 w-full sm:h-72 print:hidden' : 'hidden'}
      data-testid="figure-chart"
    />
  )
}
