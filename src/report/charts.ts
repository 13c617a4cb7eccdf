/** A labelled value for a bar chart; `target` draws a marker (e.g. the agreed resolution time). */
export interface Bar {
  label: string;
  value: number;
  target?: number;
}

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Mermaid labels: only characters that cannot end the quoted string or the block. */
const mermaidLabel = (s: string): string => s.replace(/[^\p{L}\p{N} ._/+-]/gu, ' ').trim() || '-';

/** A Mermaid xychart bar chart (renders natively on GitHub and GitLab). */
export function mermaidBars(title: string, yLabel: string, bars: Bar[]): string {
  if (bars.length === 0) return '';
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.target ?? 0)));
  const lines = [
    '```mermaid',
    'xychart-beta',
    `  title "${mermaidLabel(title)}"`,
    `  x-axis [${bars.map((b) => `"${mermaidLabel(b.label)}"`).join(', ')}]`,
    `  y-axis "${mermaidLabel(yLabel)}" 0 --> ${Math.ceil(max * 1.1)}`,
    `  bar [${bars.map((b) => fmtNum(b.value)).join(', ')}]`,
  ];
  if (bars.some((b) => b.target !== undefined)) lines.push(`  line [${bars.map((b) => fmtNum(b.target ?? 0)).join(', ')}]`);
  lines.push('```');
  return lines.join('\n');
}

/** A Mermaid pie chart of counts; zero slices are left out. */
export function mermaidPie(title: string, slices: Record<string, number>): string {
  const entries = Object.entries(slices).filter(([, v]) => v > 0);
  if (entries.length === 0) return '';
  return ['```mermaid', `pie title ${mermaidLabel(title)}`, ...entries.map(([k, v]) => `  "${mermaidLabel(k)}" : ${v}`), '```'].join('\n');
}

/** An inline SVG bar chart: no scripts, no external resources, readable in print. */
export function svgBars(title: string, yLabel: string, bars: Bar[]): string {
  const width = 640;
  const height = 240;
  const left = 48;
  const bottom = 40;
  const top = 28;
  const plotW = width - left - 12;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.target ?? 0)));
  const step = bars.length ? plotW / bars.length : plotW;
  const barW = Math.max(4, Math.min(48, step * 0.6));
  const y = (v: number): number => top + plotH - (v / max) * plotH;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${xml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`,
    `<title>${xml(title)}</title>`,
    `<text x="${left}" y="16" class="chart-title">${xml(title)}</text>`,
    `<line x1="${left}" y1="${top + plotH}" x2="${width - 12}" y2="${top + plotH}" class="axis"/>`,
    `<text transform="translate(12 ${top + plotH / 2}) rotate(-90)" text-anchor="middle" class="axis-label">${xml(yLabel)}</text>`,
    `<text x="${left - 6}" y="${top + 4}" text-anchor="end" class="tick">${fmtNum(max)}</text>`,
    `<text x="${left - 6}" y="${top + plotH}" text-anchor="end" class="tick">0</text>`,
  ];
  bars.forEach((b, i) => {
    const cx = left + step * i + step / 2;
    parts.push(
      `<rect class="bar" x="${(cx - barW / 2).toFixed(1)}" y="${y(b.value).toFixed(1)}" width="${barW.toFixed(1)}" height="${(top + plotH - y(b.value)).toFixed(1)}"><title>${xml(`${b.label}: ${fmtNum(b.value)}`)}</title></rect>`,
    );
    if (b.value > 0)
      parts.push(
        `<text x="${cx.toFixed(1)}" y="${(y(b.value) - 3).toFixed(1)}" text-anchor="middle" class="value">${fmtNum(b.value)}</text>`,
      );
    if (b.target !== undefined)
      parts.push(
        `<line class="target" x1="${(cx - barW / 2 - 4).toFixed(1)}" x2="${(cx + barW / 2 + 4).toFixed(1)}" y1="${y(b.target).toFixed(1)}" y2="${y(b.target).toFixed(1)}"><title>${xml(`target ${fmtNum(b.target)}`)}</title></line>`,
      );
    // Many bars: slant the labels so they do not run into each other.
    const slant = bars.length > 8 ? ` transform="rotate(-40 ${cx.toFixed(1)} ${height - bottom + 14})"` : '';
    parts.push(
      `<text x="${cx.toFixed(1)}" y="${height - bottom + 14}" text-anchor="${slant ? 'end' : 'middle'}" class="tick"${slant}>${xml(b.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

function fmtNum(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
