/** @jsxImportSource react */
/**
 * The overall score over the last days as a complete SVG, rendered at build time: no JavaScript
 * reaches the page (use it without a `client:` directive). The band thresholds are drawn as lines
 * with their names, each day's point has the shape of its band (● ◆ ■, as in the tables) so the
 * chart reads without colour, and each point carries a `<title>` that browsers show on hover.
 * For screen readers the SVG is one image with a title and a summary, and a visually hidden table
 * lists every day's value.
 */

type BandKey = 'green' | 'yellow' | 'red' | 'none';

export interface ChartPoint {
  /** ISO day. */
  day: string;
  /** The day as an axis label, e.g. `3/24`. */
  short: string;
  /** The day in words, e.g. `2020年3月24日`. */
  long: string;
  score: number | null;
  band: BandKey;
  /** The point in words, shown on hover: "2020年3月24日：98.9（良好）". */
  text: string;
}

export interface Props {
  /** A prefix for the ids in the chart, unique in the page. */
  id: string;
  title: string;
  /** The values in one or two sentences: shown under the chart and read as the image's description. */
  summary: string;
  points: ChartPoint[];
  thresholds: { green: number; yellow: number };
  bandNames: Record<BandKey, string>;
  table: { caption: string; day: string; score: string; band: string; noData: string };
}

// About as wide as a phone's screen, so that its text reads at the size of the page's small text.
const W = 400;
const H = 170;
const LEFT = 26;
const RIGHT = 60;
const TOP = 8;
const BOTTOM = 22;

const COLOURS: Record<BandKey, string> = {
  green: '#15803d',
  yellow: '#b45309',
  red: '#b91c1c',
  none: '#64748b',
};
const ZONES: Record<'green' | 'yellow' | 'red', string> = {
  green: '#f0fdf4',
  yellow: '#fffbeb',
  red: '#fef2f2',
};

const fmt = (n: number) => n.toFixed(1);
/** Coordinates with one decimal: small markup, the same bytes on every build. */
const c = (n: number) => String(Math.round(n * 10) / 10);

function Marker({ x, y, band }: { x: number; y: number; band: BandKey }) {
  const fill = COLOURS[band];
  if (band === 'yellow')
    return (
      <path
        d={`M${c(x)} ${c(y - 4.5)}L${c(x + 4.5)} ${c(y)}L${c(x)} ${c(y + 4.5)}L${c(x - 4.5)} ${c(y)}Z`}
        fill={fill}
      />
    );
  if (band === 'red')
    return <rect x={c(x - 3.5)} y={c(y - 3.5)} width="7" height="7" fill={fill} />;
  return <circle cx={c(x)} cy={c(y)} r="3.5" fill={fill} />;
}

export default function TrendChart({
  id,
  title,
  summary,
  points,
  thresholds,
  bandNames,
  table,
}: Props) {
  const scores = points.flatMap((p) => (p.score === null ? [] : [p.score]));
  // From 100 down to a round ten below the lowest score and the yellow threshold.
  const floor = Math.min(thresholds.yellow, ...scores);
  const hi = 100;
  const step = hi - floor > 45 ? 20 : 10;
  const lo = Math.max(0, hi - Math.ceil((hi - floor + 5) / step) * step);
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const x = (i: number) =>
    LEFT + (points.length <= 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (score: number) => TOP + ((hi - Math.max(lo, score)) * plotH) / (hi - lo);

  // The line breaks where a day has no score.
  let d = '';
  let pen = false;
  points.forEach((p, i) => {
    if (p.score === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${c(x(i))} ${c(y(p.score))}`;
    pen = true;
  });

  const ticks: number[] = [];
  for (let v = lo; v <= hi; v += step) ticks.push(v);
  // Day labels every seven days, counted back from the latest so that it is always labelled.
  const labelled = points.flatMap((_, i) => ((points.length - 1 - i) % 7 === 0 ? [i] : []));
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const lines: ['green' | 'yellow', number][] = [
    ['green', thresholds.green],
    ['yellow', thresholds.yellow],
  ];

  return (
    <figure className="mt-4">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        className="block h-auto w-full max-w-lg"
        fontSize="11"
        fontFamily="system-ui, sans-serif"
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{summary}</desc>
        <rect
          x={LEFT}
          y={c(y(hi))}
          width={plotW}
          height={c(y(thresholds.green) - y(hi))}
          fill={ZONES.green}
        />
        <rect
          x={LEFT}
          y={c(y(thresholds.green))}
          width={plotW}
          height={c(y(thresholds.yellow) - y(thresholds.green))}
          fill={ZONES.yellow}
        />
        <rect
          x={LEFT}
          y={c(y(thresholds.yellow))}
          width={plotW}
          height={c(y(lo) - y(thresholds.yellow))}
          fill={ZONES.red}
        />
        <g stroke="#e2e8f0" strokeWidth="1">
          {ticks.map((v) => (
            <line key={v} x1={LEFT} x2={LEFT + plotW} y1={c(y(v))} y2={c(y(v))} />
          ))}
        </g>
        <g fill="#475569" textAnchor="end">
          {ticks.map((v) => (
            <text key={v} x={LEFT - 4} y={c(y(v) + 4)}>
              {v}
            </text>
          ))}
        </g>
        {lines.map(([band, v]) => (
          <g key={band}>
            <line
              x1={LEFT}
              x2={LEFT + plotW}
              y1={c(y(v))}
              y2={c(y(v))}
              stroke={COLOURS[band]}
              strokeWidth="1.5"
              strokeDasharray="5 3"
            />
            <text x={LEFT + plotW + 4} y={c(y(v) + 4)} fill={COLOURS[band]}>
              {`${bandNames[band]} ${v}`}
            </text>
          </g>
        ))}
        <g fill="#475569" textAnchor="middle">
          {labelled.map((i) => (
            <text key={i} x={c(x(i))} y={H - 6}>
              {points[i]?.short}
            </text>
          ))}
        </g>
        <path d={d} fill="none" stroke="#334155" strokeWidth="1.5" strokeLinejoin="round" />
        {points.map((p, i) =>
          p.score === null ? null : (
            <g key={p.day}>
              <title>{p.text}</title>
              <Marker x={x(i)} y={y(p.score)} band={p.band} />
            </g>
          ),
        )}
      </svg>
      <figcaption className="mt-1 text-sm text-slate-700">
        <strong className="font-semibold text-slate-900">{title}</strong>
        <span className="block">{summary}</span>
      </figcaption>
      {/* The wrapper is hidden, not the table: a table grows to its content whatever its width. */}
      <div className="sr-only">
        <table>
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{table.day}</th>
              <th scope="col">{table.score}</th>
              <th scope="col">{table.band}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day}>
                <th scope="row">
                  <time dateTime={p.day}>{p.long}</time>
                </th>
                <td>{p.score === null ? table.noData : fmt(p.score)}</td>
                <td>{p.score === null ? '' : bandNames[p.band]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
