// A small line/point chart in SVG, enough for the simulation report: one x axis (slots),
// one y axis with ticks, several named series (lines or points), optional horizontal
// marker lines. Output is a deterministic string: the same data gives the same bytes.

export interface Series {
  readonly name: string;
  readonly color: string;
  /** y per x; null leaves a gap. */
  readonly points: readonly (readonly [number, number | null])[];
  readonly style: "line" | "points";
}

export interface ChartSpec {
  readonly title: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly markers?: readonly { readonly y: number; readonly label: string }[];
  readonly formatY?: (y: number) => string;
}

const W = 860;
const H = 260;
const M = { left: 80, right: 140, top: 28, bottom: 34 };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const num = (x: number) => (Math.round(x * 10) / 10).toString();

export function lineChart(spec: ChartSpec): string {
  const xs = spec.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = [...spec.series.flatMap((s) => s.points.flatMap((p) => (p[1] === null ? [] : [p[1]]))), ...(spec.markers ?? []).map((m) => m.y)];
  const [x0, x1] = [Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)];
  const [y0, y1] = niceRange(Math.min(...ys, 0), Math.max(...ys, 1));
  const sx = (x: number) => M.left + ((x - x0) / (x1 - x0)) * (W - M.left - M.right);
  const sy = (y: number) => H - M.bottom - ((y - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const fy = spec.formatY ?? ((y: number) => y.toLocaleString("en-US"));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(spec.title)}">`,
    `<text x="${M.left}" y="18" font-size="14" font-weight="bold">${esc(spec.title)}</text>`,
    `<text x="12" y="${num((M.top + H - M.bottom) / 2)}" font-size="11" transform="rotate(-90 12 ${num((M.top + H - M.bottom) / 2)})" text-anchor="middle">${esc(spec.yLabel)}</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const y = y0 + ((y1 - y0) * i) / 4;
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${num(sy(y))}" y2="${num(sy(y))}" stroke="#ddd"/>`);
    parts.push(`<text x="${M.left - 6}" y="${num(sy(y) + 4)}" font-size="10" text-anchor="end">${esc(fy(y))}</text>`);
  }
  for (const x of xTicks(x0, x1)) parts.push(`<text x="${num(sx(x))}" y="${H - M.bottom + 16}" font-size="10" text-anchor="middle">${x}</text>`);
  parts.push(`<text x="${num((M.left + W - M.right) / 2)}" y="${H - 4}" font-size="11" text-anchor="middle">slot</text>`);
  for (const m of spec.markers ?? []) {
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${num(sy(m.y))}" y2="${num(sy(m.y))}" stroke="#c00" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${W - M.right + 4}" y="${num(sy(m.y) + 4)}" font-size="10" fill="#c00">${esc(m.label)}</text>`);
  }
  spec.series.forEach((s, i) => {
    if (s.style === "line") {
      const segments: string[][] = [[]];
      for (const [x, y] of s.points) {
        if (y === null) segments.push([]);
        else segments[segments.length - 1].push(`${num(sx(x))},${num(sy(y))}`);
      }
      for (const seg of segments.filter((g) => g.length > 0)) parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="1.5" points="${seg.join(" ")}"/>`);
    } else {
      for (const [x, y] of s.points) if (y !== null) parts.push(`<circle cx="${num(sx(x))}" cy="${num(sy(y))}" r="2.5" fill="${s.color}"/>`);
    }
    parts.push(`<rect x="${W - M.right + 8}" y="${M.top + i * 16}" width="10" height="10" fill="${s.color}"/>`);
    parts.push(`<text x="${W - M.right + 22}" y="${M.top + i * 16 + 9}" font-size="11">${esc(s.name)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}

function niceRange(lo: number, hi: number): [number, number] {
  const span = hi - lo || 1;
  const step = 10 ** Math.floor(Math.log10(span));
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
}

function xTicks(x0: number, x1: number): number[] {
  const step = Math.max(1, Math.ceil((x1 - x0) / 10));
  const out: number[] = [];
  for (let x = x0; x <= x1; x += step) out.push(x);
  return out;
}
