/**
 * The corpus dashboard's page script (bundled with Chart.js by esbuild into
 * dist/webview/dashboard.js; nothing is loaded from the network). The extension sends the
 * server's aggregates (a few hundred bars at most, whatever the corpus size); clicking a bar
 * asks for its articles, clicking an article opens it. All text goes in with textContent.
 */
import { BarController, BarElement, CategoryScale, Chart, type ChartConfiguration, LinearScale, Tooltip } from 'chart.js';
import type { ArticleFilter, ArticleItem, CorpusStats, FacetValue } from '../../server/src/core/corpus/queries';
import type { ChartId, DashboardStrings, FromDashboard, Selection, ToDashboard } from '../../client/src/dashboard/protocol';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

declare function acquireVsCodeApi(): { postMessage(message: FromDashboard): void };
const vscode = acquireVsCodeApi();
const root = document.getElementById('dashboard')!;

/** Bars shown at most in the per-source chart (the rest are summed up in its caption). */
const MAX_SOURCES = 25;
const BAR_PX = 24;

interface Bar {
  readonly label: string;
  readonly count: number;
  readonly filter: ArticleFilter;
}

interface ChartSpec {
  readonly id: ChartId;
  readonly title: (s: DashboardStrings) => string;
  readonly color: string;
  /** Horizontal bars growing from the right, for Arabic labels. */
  readonly rtl: boolean;
  readonly horizontal: boolean;
}

const SPECS: readonly ChartSpec[] = [
  { id: 'month', title: (s) => s.byMonth, color: '--vscode-charts-blue', rtl: false, horizontal: false },
  { id: 'source', title: (s) => s.bySource, color: '--vscode-charts-purple', rtl: true, horizontal: true },
  { id: 'keyword', title: (s) => s.topKeywords, color: '--vscode-charts-green', rtl: true, horizontal: true },
  { id: 'rule', title: (s) => s.byRule, color: '--vscode-charts-orange', rtl: false, horizontal: true },
];

let strings: DashboardStrings | undefined;
let locale = 'en';
const charts = new Map<ChartId, { chart: Chart<'bar'>; bars: Bar[]; box: HTMLElement; caption: HTMLElement; note: HTMLElement }>();
let figures: HTMLElement | undefined;
let status: HTMLElement | undefined;
let listSection: HTMLElement | undefined;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

const cssVar = (name: string, fallback: string): string => getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
const fmt = (n: number): string => n.toLocaleString(locale);
const fill = (template: string, ...values: (string | number)[]): string => values.reduce<string>((t, v, i) => t.replace(`{${i}}`, typeof v === 'number' ? fmt(v) : v), template);

function monthLabel(value: string): string {
  if (value === 'none') return strings?.noDate ?? value;
  const [y, m] = value.split('-').map(Number);
  if (!y || !m) return value;
  try {
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
  } catch {
    return value;
  }
}

function barsOf(id: ChartId, stats: CorpusStats): { bars: Bar[]; note: string } {
  const s = strings!;
  switch (id) {
    case 'month':
      return { bars: stats.byMonth.map((f) => ({ label: monthLabel(f.value), count: f.count, filter: { month: f.value } })), note: '' };
    case 'source': {
      const shown = stats.bySource.slice(0, MAX_SOURCES);
      const note = stats.bySource.length > shown.length ? `${shown.length} / ${fmt(stats.bySource.length)}` : '';
      return { bars: shown.map((f: FacetValue) => ({ label: f.value || s.noSource, count: f.count, filter: { source: f.value } })), note };
    }
    case 'keyword':
      return { bars: stats.topKeywords.map((f) => ({ label: f.value, count: f.count, filter: { keyword: f.value } })), note: '' };
    case 'rule':
      return { bars: stats.problemsByRule.map((f) => ({ label: `${f.value} ${f.name}`, count: f.count, filter: { ruleId: f.value } })), note: '' };
  }
}

function chartConfig(spec: ChartSpec): ChartConfiguration<'bar'> {
  const fg = cssVar('--vscode-foreground', '#888');
  const grid = cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
  const valueAxis = { beginAtZero: true, reverse: spec.rtl, ticks: { color: fg, precision: 0 }, grid: { color: grid } };
  const labelAxis = { position: (spec.horizontal ? (spec.rtl ? 'right' : 'left') : 'bottom') as 'right' | 'left' | 'bottom', ticks: { color: fg, autoSkip: !spec.horizontal }, grid: { display: false } };
  return {
    type: 'bar',
    data: { labels: [], datasets: [{ data: [], backgroundColor: cssVar(spec.color, '#3794ff'), borderRadius: 2, maxBarThickness: 28 }] },
    options: {
      indexAxis: spec.horizontal ? 'y' : 'x',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: spec.horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
      plugins: { tooltip: { rtl: spec.rtl, textDirection: spec.rtl ? 'rtl' : 'ltr', displayColors: false } },
      onHover: (event, elements) => {
        const target = event.native?.target as HTMLElement | undefined;
        if (target) target.style.cursor = elements.length ? 'pointer' : 'default';
      },
      onClick: (_event, elements) => {
        const hit = elements[0];
        const entry = charts.get(spec.id);
        const bar = hit && entry?.bars[hit.index];
        if (bar) select({ chart: spec.id, filter: bar.filter, label: bar.label });
      },
    },
  };
}

function select(selection: Selection): void {
  vscode.postMessage({ type: 'select', selection });
}

function build(s: DashboardStrings): void {
  const header = el('header');
  figures = el('div', 'figures');
  status = el('p', 'status');
  header.append(figures, status);
  const grid = el('section', 'grid');
  for (const spec of SPECS) {
    const figure = el('figure', `card chart-${spec.id}`);
    const caption = el('figcaption');
    const title = el('span', 'title', spec.title(s));
    const note = el('span', 'note');
    caption.append(title, note);
    const box = el('div', 'canvas-box');
    const canvas = el('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', spec.title(s));
    box.appendChild(canvas);
    figure.append(caption, box);
    grid.appendChild(figure);
    const chart = new Chart(canvas, chartConfig(spec));
    charts.set(spec.id, { chart, bars: [], box, caption: title, note });
  }
  listSection = el('section', 'list');
  listSection.hidden = true;
  root.replaceChildren(header, grid, listSection);
}

function draw(stats: CorpusStats, indexing: boolean): void {
  const s = strings!;
  if (!charts.size) build(s);
  Chart.defaults.font.family = `"Noto Sans Arabic", "Noto Naskh Arabic", ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
  const problems = stats.problemsByRule.reduce((a, r) => a + r.count, 0);
  figures!.replaceChildren(
    ...[
      [s.articles, stats.articles],
      [s.sources, stats.bySource.length],
      [s.months, stats.byMonth.filter((m) => m.value !== 'none').length],
      [s.problems, problems],
    ].map(([label, n]) => {
      const f = el('div', 'figure');
      f.append(el('span', 'value', fmt(n as number)), el('span', 'label', label as string));
      return f;
    }),
  );
  status!.textContent = indexing ? s.indexing : stats.articles ? s.clickBar : s.noData;
  const bars: Record<ChartId, number> = { month: 0, source: 0, keyword: 0, rule: 0 };
  for (const spec of SPECS) {
    const entry = charts.get(spec.id)!;
    const { bars: data, note } = barsOf(spec.id, stats);
    entry.bars = data;
    entry.note.textContent = note;
    if (spec.horizontal) entry.box.style.height = `${Math.max(160, data.length * BAR_PX + 40)}px`;
    entry.chart.data.labels = data.map((b) => b.label);
    entry.chart.data.datasets[0]!.data = data.map((b) => b.count);
    entry.chart.update();
    bars[spec.id] = data.length;
  }
  vscode.postMessage({ type: 'rendered', bars, articles: stats.articles });
}

/** Re-reads the theme's colours (the body's class changes with the colour theme). */
function retheme(): void {
  for (const spec of SPECS) {
    const entry = charts.get(spec.id);
    if (!entry) continue;
    const fresh = chartConfig(spec);
    entry.chart.options.scales = fresh.options!.scales;
    entry.chart.data.datasets[0]!.backgroundColor = cssVar(spec.color, '#3794ff');
    entry.chart.update();
  }
}
new MutationObserver(retheme).observe(document.body, { attributes: true, attributeFilter: ['class'] });

function showList(selection: Selection, total: number, items: readonly ArticleItem[]): void {
  const s = strings!;
  const section = listSection!;
  const head = el('div', 'list-head');
  const title = el('h2', undefined, fill(s.listTitle, selection.label, total));
  const close = el('button', 'close', '×');
  close.title = s.close;
  close.setAttribute('aria-label', s.close);
  close.addEventListener('click', () => {
    section.hidden = true;
  });
  head.append(title, close);
  const list = el('ol', 'articles');
  for (const item of items) {
    const li = el('li');
    const button = el('button', 'article');
    button.dataset.uri = item.uri;
    const headline = el('span', 'headline', item.headline);
    headline.setAttribute('dir', 'auto');
    const meta = el('span', 'meta');
    const parts = [item.date ?? s.noDate, item.source ?? s.noSource];
    meta.textContent = parts.join(' · ');
    if (item.problems) meta.appendChild(el('span', 'problems', ` · ⚠ ${fill(s.problemCount, item.problems)}`));
    button.append(headline, meta);
    button.addEventListener('click', () => vscode.postMessage({ type: 'open', uri: item.uri }));
    li.appendChild(button);
    list.appendChild(li);
  }
  section.replaceChildren(head, list);
  if (total > items.length) section.appendChild(el('p', 'more', fill(s.listMore, items.length)));
  section.hidden = false;
  section.scrollIntoView({ block: 'start' });
  vscode.postMessage({ type: 'listed', count: items.length, label: selection.label });
}

window.addEventListener('message', (event: MessageEvent<ToDashboard>) => {
  const m = event.data;
  if (m.type === 'stats') {
    strings = m.strings;
    locale = m.locale || 'en';
    document.documentElement.lang = locale;
    draw(m.stats, m.indexing);
  } else if (m.type === 'list' && strings) showList(m.selection, m.total, m.items);
});

vscode.postMessage({ type: 'ready' });
