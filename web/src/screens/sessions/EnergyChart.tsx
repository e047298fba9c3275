import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSeries } from './meterSeries';

const ENERGY_COLOUR = '#1f5fbf';
const POWER_COLOUR = '#d9822b';

/** uPlot's US date templates as the rest of the screens write times: day first, 24-hour clock. */
function dayFirst24h(template: string): string {
  return template
    .replace('{h}{aa}', '{HH}:00')
    .replace('{h}', '{HH}')
    .replace('{aa}', '')
    .replace('{M}/{D}/{YY}', '{D}/{M}/{YY}')
    .replace('{M}/{D}', '{D}/{M}')
    .replace('{YYYY}-{MM}-{DD}', '{DD}/{MM}/{YYYY}');
}

/** The time axis: the readings' span, or ten minutes around a span shorter than that. */
export function timeScale(times: number[]): uPlot.Scale {
  if (times.length === 0) return { time: true };
  const first = times[0];
  const last = times[times.length - 1];
  return last - first < 600 ? { time: true, auto: false, min: first - 300, max: last + 300 } : { time: true };
}

/** Energy delivered (left axis, kWh) and power (right axis, kW) over the session, in the site's time. */
export function EnergyChart({ series, timeZone }: { series: ChartSeries; timeZone?: string }) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const width = () => Math.max(280, element.clientWidth);
    const options: uPlot.Options = {
      width: width(),
      height: 300,
      fmtDate: (template) => uPlot.fmtDate(dayFirst24h(template)),
      tzDate: timeZone ? (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone) : undefined,
      cursor: { drag: { x: true, y: false } },
      legend: { live: true },
      // A session just begun has one or two readings: show ten minutes around them rather than let
      // the axis stretch a few seconds over years.
      scales: { x: timeScale(series.times), kwh: { auto: true, range: (_u, _min, max) => [0, Math.max(1, max)] },
        kw: { auto: true, range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        { stroke: '#475467', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#eef0f3' } },
        { scale: 'kwh', label: 'Energy (kWh)', stroke: ENERGY_COLOUR, grid: { stroke: '#eef0f3' }, ticks: { stroke: '#eef0f3' } },
        { scale: 'kw', label: 'Power (kW)', side: 1, stroke: POWER_COLOUR, grid: { show: false } },
      ],
      series: [
        {},
        { label: 'Energy', scale: 'kwh', stroke: ENERGY_COLOUR, width: 2, fill: 'rgba(31, 95, 191, 0.08)', spanGaps: true,
          value: (_u, v) => (v === null ? '—' : `${v.toFixed(2)} kWh`) },
        { label: series.powerDerived ? 'Power (from energy)' : 'Power', scale: 'kw', stroke: POWER_COLOUR, width: 2, spanGaps: true,
          paths: series.powerDerived ? uPlot.paths.stepped?.({ align: -1 }) : undefined,
          value: (_u, v) => (v === null ? '—' : `${v.toFixed(1)} kW`) },
      ],
    };
    const plot = new uPlot(options, [series.times, series.energyKwh, series.powerKw] as uPlot.AlignedData, element);
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 300 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [series, timeZone]);

  return <div ref={box} className="ss-chart" />;
}
