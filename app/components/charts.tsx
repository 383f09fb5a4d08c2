// Bar charts drawn as SVG on the server: no JavaScript, and no inline `style` (the CSP forbids
// it), only SVG presentation attributes. Each chart is an image with a title and a description
// (role="img", aria-labelledby) and must sit next to a GOV.UK table with the same numbers: the
// table is the accessible source of truth, the chart a picture of it.
//
// Colours: bars GOV.UK blue #1d70b8 (5.2:1 on white, above the 3:1 WCAG 1.4.11 asks of
// graphics); text and the axis GOV.UK black #0b0c0c. Every bar carries its value as text, so
// nothing depends on reading lengths or colour.

export type BarDatum = { label: string; value: number };

export interface BarChartProps {
  /** Unique on the page: the title and description get `${id}-title` and `${id}-desc`. */
  id: string;
  title: string;
  /** What the chart shows, in a sentence; the largest bar and a pointer to the table are added. */
  description: string;
  data: BarDatum[];
  /** How a value is written on its bar (default: whole numbers, "1,234"). */
  formatValue?: (value: number) => string;
}

export const CHART_COLOURS = { bar: "#1d70b8", text: "#0b0c0c", axis: "#0b0c0c" } as const;

const WIDTH = 640;
const ROW = 28;
const BAR = 18;
const FONT = 14;
const PAD_TOP = 8;
const VALUE_SPACE = 72;
/** Characters of a label shown before it is shortened (the table has it in full). */
const MAX_LABEL_CHARS = 38;
/** A rough width of one character at 14px, to size the label column. */
const CHAR_WIDTH = 7.4;

function shorten(label: string): string {
  return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;
}

const defaultFormat = (value: number) => value.toLocaleString("en-GB");

/** The chart's description: the caller's sentence, the largest value, and where the figures are. */
export function describeChart(description: string, data: BarDatum[], format: (value: number) => string = defaultFormat): string {
  if (data.length === 0) return `${description} There is nothing to show.`;
  const top = data.reduce((best, d) => (d.value > best.value ? d : best), data[0]);
  const largest = top.value > 0 ? ` The largest is ${top.label}: ${format(top.value)}.` : " Every value is 0.";
  return `${description}${largest} The table that follows gives every figure.`;
}

/** A horizontal bar chart: one row per datum, label on the left, value after the bar. */
export function BarChart({ id, title, description, data, formatValue = defaultFormat }: BarChartProps) {
  const labels = data.map((d) => shorten(d.label));
  const labelWidth = Math.round(Math.min(300, Math.max(60, Math.max(0, ...labels.map((l) => l.length)) * CHAR_WIDTH + 12)));
  const barSpace = WIDTH - labelWidth - VALUE_SPACE;
  const max = Math.max(0, ...data.map((d) => d.value));
  const height = PAD_TOP * 2 + Math.max(1, data.length) * ROW;
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      focusable="false"
      fontSize={FONT}
      data-chart={id}
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{describeChart(description, data, formatValue)}</desc>
      <rect x="0" y="0" width={WIDTH} height={height} fill="#ffffff" />
      {data.map((d, i) => {
        const y = PAD_TOP + i * ROW;
        const length = max > 0 && d.value > 0 ? Math.max(1, (d.value / max) * barSpace) : 0;
        return (
          <g key={`${i}:${d.label}`}>
            <text x={labelWidth - 8} y={y + ROW / 2} dominantBaseline="middle" textAnchor="end" fill={CHART_COLOURS.text}>
              {labels[i]}
            </text>
            <rect x={labelWidth} y={y + (ROW - BAR) / 2} width={round(length)} height={BAR} fill={CHART_COLOURS.bar} />
            <text x={round(labelWidth + length + 6)} y={y + ROW / 2} dominantBaseline="middle" fill={CHART_COLOURS.text}>
              {formatValue(d.value)}
            </text>
          </g>
        );
      })}
      <line x1={labelWidth} y1={PAD_TOP / 2} x2={labelWidth} y2={height - PAD_TOP / 2} stroke={CHART_COLOURS.axis} strokeWidth="1" />
    </svg>
  );
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
