/** The text `npm run demo` prints at the end: what was simulated, what was planted and where each report shows it. */
import type { EventType } from '../domain/event-kinds.ts';
import type { TicketTotals } from './load-demo.ts';
import { TICKETS, type PlantedPattern } from './planted-patterns.ts';

export interface DemoRun {
  from: string;
  to: string;
  days: number;
  seed: number;
  sessions: number;
  byType: Partial<Record<EventType, number>>;
  written: number;
  /** The help desk's tickets as the store took them in. */
  tickets: TicketTotals;
  elapsedMs: number;
  patterns: readonly PlantedPattern[];
  /** Slugs that received the two hostile comments. */
  hostileSlugs: string[];
  /** Set when the database is not the default one, so the commands printed point at it. */
  dbPath?: string;
}

const TYPES: EventType[] = ['view', 'search', 'search_click', 'tutorial_step', 'feedback', 'contact'];
const n = (value: number) => value.toLocaleString('en-US');
const DAY_MS = 86_400_000;
const shiftDay = (day: string, by: number) => new Date(Date.parse(`${day}T00:00:00Z`) + by * DAY_MS).toISOString().slice(0, 10);

function subject(p: PlantedPattern): string {
  if (p.kind === 'missing-topic') return 'payroll searches';
  if (p.kind === 'closed-gap') return `"${p.id.replaceAll('-', ' ')}" searches`;
  return p.kind === 'heavy-area' ? `product area ${p.productArea}` : p.slug;
}

function ticketLine(t: TicketTotals): string {
  const providers = Object.entries(t.byProvider)
    .sort(([, a], [, b]) => b - a)
    .map(([provider, count]) => `${provider} ${n(count)}`)
    .join(' · ');
  return `  ${n(t.tickets)} tickets from the help desk${providers ? ` (${providers})` : ''}: ${n(t.joined)} joined to the session they came from, ${n(t.withoutReference)} without a reference, ${n(t.unmatchedReference)} with a reference no session had.`;
}

export function demoSummary(run: DemoRun): string {
  const env = run.dbPath ? `KB_DB_PATH=${run.dbPath} ` : '';
  const recent = run.days >= 56 ? `; compare the last 28 days (${shiftDay(run.to, -27)} … ${run.to}) with the 28 before` : '';
  const lines = [
    '',
    `Simulated ${run.days} days (${run.from} … ${run.to}, seed ${run.seed}): ${n(run.sessions)} sessions, ${n(run.written)} events written in ${(run.elapsedMs / 1000).toFixed(1)} s.`,
    `  ${TYPES.map((t) => `${t} ${n(run.byType[t] ?? 0)}`).join(' · ')}`,
    ticketLine(run.tickets),
    '',
    `Planted patterns${recent}:`,
    ...run.patterns.map((p) => {
      // A gap closed half-way and an edit's verdict show over the whole history, before and after the change.
      const range = p.kind === 'closed-gap' || p.kind === 'worse-edit' ? ` --from ${run.from} --to ${run.to}` : '';
      return `  ${p.kind}: ${subject(p)} — ${p.description}\n      → ${env}npm run report -- ${p.report}${range}`;
    }),
  ];
  if (run.hostileSlugs.length) {
    const commands = run.hostileSlugs.map((slug) => `${env}npm run report -- article ${slug}`).join('\n      → ');
    lines.push(
      `  hostile comments: ${run.hostileSlugs.join(', ')} — a <script> tag and a =HYPERLINK formula, to be shown as plain text\n      → ${commands}`,
    );
  }
  lines.push(
    `  Every other article is deliberately healthy: 85% helpful, about 4% of readers contact support (${Math.round(TICKETS.afterClick * 100)}% of them then file a ticket), steady traffic.`,
    '',
    'How to look:',
    `  ${env}npm start      then GET /api/reports/<name> with the admin token it prints at first start`,
    `  ${env}npm run report -- overview      and deflection, ratings, friction, search, content, tutorials, article <slug>`,
    `  (reports cover the last 28 days by default; add --from ${run.from} --to ${run.to} for the whole history)`,
    '',
  );
  return lines.join('\n');
}
