/** The options of `npm run demo`, parsed from the command line with a message that names the bad option. */
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const DEMO_USAGE = `Usage: npm run demo -- [options]

Fills the events database (KB_DB_PATH, default db/kb.sqlite) with a simulated history of
help-center traffic for the built site, and the tickets its readers filed with the help desk,
with a few problems planted for the reports to find.
The same options always produce exactly the same events and tickets.

Options:
  --days <n>               days of history (default 90)
  --end <YYYY-MM-DD>       last simulated day, UTC (default today)
  --seed <n>               random seed (default 42)
  --sessions-per-day <n>   average sessions a day (default 330)
  --reset                  delete the database first: every stored event, and admin logins
                           (stop \`npm start\` first; it keeps the deleted file open)
  --help                   show this help
`;

const today = () => new Date().toISOString().slice(0, 10);
const isDay = (v: string) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const whole = (min: number, max: number) =>
  z.coerce.number('must be a number').int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

export const DemoOptionsSchema = z.object({
  days: whole(1, 730).default(90),
  end: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date like 2026-11-24', abort: true })
    .refine(isDay, 'is not a calendar date')
    .default(today),
  seed: whole(0, 2 ** 32 - 1).default(42),
  // Bounded so a typo cannot ask for hours of loading.
  sessionsPerDay: whole(1, 20_000).default(330),
  reset: z.boolean().default(false),
});
export type DemoOptions = z.infer<typeof DemoOptionsSchema>;

/** Schema keys as the user typed them. */
const FLAGS: Record<string, string> = { sessionsPerDay: 'sessions-per-day' };

export type DemoArgs = { kind: 'help' } | { kind: 'run'; options: DemoOptions } | { kind: 'invalid'; message: string };

export function parseDemoArgs(argv: string[]): DemoArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        days: { type: 'string' },
        end: { type: 'string' },
        seed: { type: 'string' },
        'sessions-per-day': { type: 'string' },
        reset: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    // Node's own message already names the option ("Unknown option '--dys'").
    return { kind: 'invalid', message: `${(error as Error).message}\n\n${DEMO_USAGE}` };
  }
  if (values.help) return { kind: 'help' };
  const parsed = DemoOptionsSchema.safeParse({
    days: values.days,
    end: values.end,
    seed: values.seed,
    sessionsPerDay: values['sessions-per-day'],
    reset: values.reset,
  });
  if (parsed.success) return { kind: 'run', options: parsed.data };
  const lines = parsed.error.issues.map((i) => `  --${FLAGS[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`);
  return {
    kind: 'invalid',
    message: `Invalid option${lines.length > 1 ? 's' : ''}:\n${lines.join('\n')}\n\nRun \`npm run demo -- --help\` for the options.`,
  };
}
