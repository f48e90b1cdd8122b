/**
 * Charts drawn as SVG: horizontal bars (any number of labelled values), a donut (a few parts of a whole)
 * and a scatter of points on two scales. Each has a title and a description for screen readers, shows its
 * numbers as text, and can link each part to the records behind it.
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

export function BarChart({
  title,
  data,
  max = 12,
  unit = 'devices',
  keepOrder = false,
}: {
  title: string;
  data: Datum[];
  max?: number;
  /** What the values count, for the links' accessible names. */
  unit?: string;
  /** Keep the data's order (priorities P1…P4) instead of the largest first. */
  keepOrder?: boolean;
}) {
  const id = useId();
  const sorted = keepOrder
    ? [...data]
    : [...data].sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  const shown = sorted.slice(0, max);
  const rest = sorted.slice(max);
  if (rest.length > 0) {
    shown.push({
      key: '__others',
      label: `${rest.length} others`,
      value: rest.reduce((n, d) => n + d.value, 0),
      // The others share the bars' colour when they all have one.
      color: rest.every((d) => d.color === rest[0]?.color) ? rest[0]?.color : undefined,
    });
  }
  const top = Math.max(1, ...shown.map((d) => d.value));
  const row = 26;
  const labelWidth = 210;
  const valueWidth = 60;
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
              {truncate(d.label, 26)}
            </text>
            <rect x={labelWidth} y={y + 5} width={w} height={row - 10} rx={3} fill={d.color ?? PALETTE[0]} />
            <text x={labelWidth + w + 6} y={y + row / 2} className="chart-value" dominantBaseline="middle">
              {formatNumber(d.value)}
            </text>
          </g>
        );
        return d.href ? (
          <Link key={d.key} to={d.href} aria-label={`${d.label}: ${formatNumber(d.value)} ${unit}`}>
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

export interface Point {
  key: string;
  x: number;
  y: number;
  /** Drawn as the dot's area (a count). */
  size: number;
  color?: string;
  /** Ringed (for the vulnerability scatter: known exploited). */
  marked?: boolean;
  /** What the dot is, in words: its tooltip and its accessible name. */
  label: string;
  href?: string;
}

export interface Axis {
  label: string;
  min: number;
  max: number;
  ticks: number[];
  format: (value: number) => string;
}

/**
 * Points on two linear scales, their size by a count, with dashed guides at thresholds. Each point is a link
 * (focusable, named in words) when it has an address; the chart is a group of them for screen readers.
 */
export function ScatterChart({
  title,
  description,
  points,
  x,
  y,
  guides = [],
}: {
  title: string;
  description: string;
  points: Point[];
  x: Axis;
  y: Axis;
  guides?: { axis: 'x' | 'y'; value: number; label: string }[];
}) {
  const id = useId();
  const width = 560;
  const height = 340;
  // Room around the plot for the largest dots at the edges (EPSS 100%, CVSS 10).
  const margin = { left: 60, right: 22, top: 22, bottom: 46 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const sx = (v: number) => margin.left + ((v - x.min) / (x.max - x.min)) * plotWidth;
  const sy = (v: number) => margin.top + (1 - (v - y.min) / (y.max - y.min)) * plotHeight;
  const radius = (size: number) => Math.min(15, 3.5 + 2.2 * Math.sqrt(Math.max(0, size)));
  // The largest first, so that a small dot is never hidden under a large one.
  const drawn = [...points].sort((a, b) => b.size - a.size || a.key.localeCompare(b.key));

  if (points.length === 0) return <p className="muted">No data yet.</p>;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a <fieldset>; its links are its parts.
    <svg
      className="chart scatter"
      viewBox={`0 0 ${width} ${height}`}
      role="group"
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-d`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: axes and guides are drawing, never focusable. */}
      <g aria-hidden="true">
        {x.ticks.map((t) => (
          <g key={`x${t}`}>
            <line className="grid-line" x1={sx(t)} x2={sx(t)} y1={margin.top} y2={margin.top + plotHeight} />
            <text className="axis-tick" x={sx(t)} y={margin.top + plotHeight + 16} textAnchor="middle">
              {x.format(t)}
            </text>
          </g>
        ))}
        {y.ticks.map((t) => (
          <g key={`y${t}`}>
            <line className="grid-line" x1={margin.left} x2={margin.left + plotWidth} y1={sy(t)} y2={sy(t)} />
            <text
              className="axis-tick"
              x={margin.left - 6}
              y={sy(t)}
              textAnchor="end"
              dominantBaseline="middle"
            >
              {y.format(t)}
            </text>
          </g>
        ))}
        {guides.map((g) =>
          g.axis === 'x' ? (
            <g key={`gx${g.value}`}>
              <line
                className="guide-line"
                x1={sx(g.value)}
                x2={sx(g.value)}
                y1={margin.top}
                y2={margin.top + plotHeight}
              />
              <text className="guide-label" x={sx(g.value)} y={margin.top - 8} textAnchor="middle">
                {g.label}
              </text>
            </g>
          ) : (
            <g key={`gy${g.value}`}>
              <line
                className="guide-line"
                x1={margin.left}
                x2={margin.left + plotWidth}
                y1={sy(g.value)}
                y2={sy(g.value)}
              />
              <text className="guide-label" x={margin.left + 4} y={sy(g.value) - 4}>
                {g.label}
              </text>
            </g>
          ),
        )}
        <text className="axis-label" x={margin.left + plotWidth / 2} y={height - 6} textAnchor="middle">
          {x.label}
        </text>
        <text
          className="axis-label"
          transform={`translate(16 ${margin.top + plotHeight / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          {y.label}
        </text>
      </g>
      {drawn.map((p) => {
        const r = radius(p.size);
        const dot = (
          <g className="dot" key={p.key}>
            <title>{p.label}</title>
            {p.marked && <circle className="dot-ring" cx={sx(p.x)} cy={sy(p.y)} r={r + 3} />}
            <circle cx={sx(p.x)} cy={sy(p.y)} r={r} fill={p.color ?? PALETTE[0]} />
          </g>
        );
        return p.href ? (
          <Link key={p.key} to={p.href} aria-label={p.label}>
            {dot}
          </Link>
        ) : (
          dot
        );
      })}
    </svg>
  );
}

export interface SparkPoint {
  key: string;
  /** What the point is, in words: the day. */
  label: string;
  value: number;
}

/**
 * A small trend line (a day per point, oldest first), scaled between its own lowest and highest values so
 * that a change shows; the last point is marked. Read out as its first and last values.
 */
export function Sparkline({
  title,
  points,
  format,
  width = 160,
  height = 40,
  color = PALETTE[0],
}: {
  title: string;
  points: SparkPoint[];
  format: (value: number) => string;
  width?: number;
  height?: number;
  color?: string;
}) {
  const id = useId();
  if (points.length < 2) return null;
  const values = points.map((p) => p.value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = 4;
  const x = (i: number) => pad + (i / (points.length - 1)) * (width - 2 * pad);
  const y = (v: number) =>
    high === low ? height / 2 : pad + (1 - (v - low) / (high - low)) * (height - 2 * pad);
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const first = points[0]!;
  const last = points.at(-1)!;
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>
        {`${format(first.value)} on ${first.label}, ${format(last.value)} on ${last.label}; lowest ${format(low)}, highest ${format(high)}.`}
      </desc>
      <polyline points={line} fill="none" stroke={color} strokeWidth={2} strokeLinejoin="round" />
      <circle cx={x(points.length - 1)} cy={y(last.value)} r={3} fill={color} />
    </svg>
  );
}
