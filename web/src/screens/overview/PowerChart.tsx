import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { chartColumns, type PowerPoint } from './powerSeries';

const stepped = uPlot.paths.stepped!({ align: 1 });

/** The site's power over the last hours with its grid limit as a dashed line. */
export function PowerChart({ points, limitKw, timeZone, label, windowStartMs }: {
  points: PowerPoint[]; limitKw: number | null; timeZone: string; label: string; windowStartMs: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    // Tick labels in the site's zone, 24-hour, as depot staff read them.
    const clock = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false });
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height: 160,
      legend: { show: false },
      cursor: { y: false, points: { size: 6 } },
      padding: [8, 8, 0, 0],
      scales: { y: { range: (_u, _min, max) => [0, Math.max(max, limitKw ?? 0) * 1.1 || 10] } },
      axes: [
        { stroke: '#6b7280', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#e5e7eb' }, font: '11px system-ui',
          values: (_u, splits) => splits.map((s) => clock.format(new Date(s * 1000))) },
        { stroke: '#6b7280', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#e5e7eb' }, font: '11px system-ui', size: 64,
          values: (_u, values) => values.map((v) => `${v} kW`) },
      ],
      series: [
        {},
        // Steps, not slopes: each value holds until the next (a reading, or a step's average).
        { label: 'Power', stroke: '#0f766e', width: 2, fill: 'rgba(15, 118, 110, 0.10)', spanGaps: false, paths: stepped },
        { label: 'Grid limit', stroke: '#b45309', width: 1.5, dash: [6, 4], points: { show: false } },
      ],
    };
    const chart = new uPlot(options, chartColumns([], null, Date.now() - 3600_000), element);
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, element.clientWidth), height: 160 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [timeZone, limitKw]);

  useEffect(() => {
    plot.current?.setData(chartColumns(points, limitKw, windowStartMs));
  }, [points, limitKw, windowStartMs]);

  return <div ref={host} className="chart" role="img" aria-label={label} />;
}
