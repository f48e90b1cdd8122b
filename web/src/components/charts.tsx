/**
 * Charts drawn as SVG: horizontal bars (any number of labelled values) and a donut (a few parts of a
 * whole). Each has a title and a description for screen readers, shows its numbers as text, and can link
 * each part to the records behind it.
 */
import { useId } from 'react';
import { Link } from 'react-router';
import { formatNumber } from '../format.js';

export interface Datum {
  key: string;
  label: string;
  value: number;
  href?: string;
  color?: string;
}

export const PALETTE = [
  '#2563eb',
  '#0891b2',
  '#7c3aed',
  '#db2777',
  '#ea580c',
  '#16a34a',
  '#ca8a04',
  '#4b5563',
];

export function BarChart({ title, data, max = 12 }: { title: string; data: Datum[]; max?: number }) {
  const id = useId();
  const sorted = [...data].sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  const shown = sorted.slice(0, max);
  const rest = sorted.slice(max);
  if (rest.length > 0) {
    shown.push({
      key: '__others',
      label: `${rest.length} others`,
      value: rest.reduce((n, d) => n + d.value, 0),
    });
  }
  const top = Math.max(1, ...shown.map((d) => d.value));
  const row = 26;
  const labelWidth = 200;
  const valueWidth = 64;
  const width = 560;
  const barWidth = width - labelWidth - valueWidth;
  const height = shown.length * row;
  const total = data.reduce((n, d) => n + d.value, 0);

  if (shown.length === 0) return <p className="muted">No data yet.</p>;
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>
        {shown.map((d) => `${d.label}: ${d.value}`).join('; ')}. Total {total}.
      </desc>
      {shown.map((d, i) => {
        const w = Math.max(2, (d.value / top) * barWidth);
        const y = i * row;
        const bar = (
          <g className="bar" key={d.key}>
            <title>{`${d.label}: ${formatNumber(d.value)}`}</title>
            <text
              x={labelWidth - 8}
              y={y + row / 2}
              className="chart-label"
              textAnchor="end"
              dominantBaseline="middle"
            >
              {truncate(d.label, 28)}
            </text>
            <rect x={labelWidth} y={y + 5} width={w} height={row - 10} rx={3} fill={d.color ?? PALETTE[0]} />
            <text x={labelWidth + w + 6} y={y + row / 2} className="chart-value" dominantBaseline="middle">
              {formatNumber(d.value)}
            </text>
          </g>
        );
        return d.href ? (
          <Link key={d.key} to={d.href} aria-label={`${d.label}: ${d.value} devices`}>
            {bar}
          </Link>
        ) : (
          <g key={d.key}>{bar}</g>
        );
      })}
    </svg>
  );
}

export function DonutChart({ title, data }: { title: string; data: Datum[] }) {
  const id = useId();
  const total = data.reduce((n, d) => n + d.value, 0);
  if (total === 0) return <p className="muted">No data yet.</p>;
  const r = 60;
  const stroke = 26;
  const circumference = 2 * Math.PI * r;
  let offset = 0;
  return (
    <div className="donut">
      <svg viewBox="0 0 160 160" role="img" aria-labelledby={`${id}-t ${id}-d`} className="donut-svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{data.map((d) => `${d.label}: ${d.value}`).join('; ')}.</desc>
        <circle cx={80} cy={80} r={r} fill="none" stroke="#eef2f7" strokeWidth={stroke} />
        {data.map((d, i) => {
          const length = (d.value / total) * circumference;
          const segment = (
            <circle
              key={d.key}
              cx={80}
              cy={80}
              r={r}
              fill="none"
              stroke={d.color ?? PALETTE[i % PALETTE.length]}
              strokeWidth={stroke}
              strokeDasharray={`${length} ${circumference - length}`}
              strokeDashoffset={-offset}
              transform="rotate(-90 80 80)"
            />
          );
          offset += length;
          return segment;
        })}
        <text x={80} y={76} textAnchor="middle" className="donut-total">
          {formatNumber(total)}
        </text>
        <text x={80} y={96} textAnchor="middle" className="donut-caption">
          devices
        </text>
      </svg>
      <ul className="legend">
        {data.map((d, i) => (
          <li key={d.key}>
            <span
              className="swatch"
              style={{ background: d.color ?? PALETTE[i % PALETTE.length] }}
              aria-hidden="true"
            />
            {d.href ? <Link to={d.href}>{d.label}</Link> : <span>{d.label}</span>}
            <span className="legend-value">
              {formatNumber(d.value)} <span className="muted">({Math.round((d.value / total) * 100)}%)</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
