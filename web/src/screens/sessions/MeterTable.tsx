import { formatTime } from '../../format';
import type { ChartSeries } from './meterSeries';

/** The chart's numbers as a table, for screen readers and for reading exact values. */
export function MeterTable({ series, timeZone }: { series: ChartSeries; timeZone?: string }) {
  return (
    <details className="ss-values-details">
      <summary>Values as a table ({series.times.length} readings)</summary>
      <div className="ss-values fm-table-wrap">
        <table className="fm-table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col" className="fm-num">Energy (kWh)</th>
              <th scope="col" className="fm-num">{series.powerDerived ? 'Power from energy (kW)' : 'Power (kW)'}</th>
            </tr>
          </thead>
          <tbody>
            {series.times.map((t, i) => (
              <tr key={t}>
                <td>{formatTime(new Date(t * 1000).toISOString(), timeZone)}</td>
                <td className="fm-num">{series.energyKwh[i]?.toFixed(2) ?? '—'}</td>
                <td className="fm-num">{series.powerKw[i]?.toFixed(1) ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
