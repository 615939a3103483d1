/** Environment variables, validated once at start and at build with a message naming the bad variable. */
import { z } from 'zod';
import { ROLES } from '../domain/roles.ts';
import { DEFAULT_TICKET_REF_PARAM } from '../domain/ticket-ref.ts';

const flag = z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', '']).transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const urlOrPath = z
  .string()
  .max(2000)
  .refine((v) => v.startsWith('/') || /^(https?|mailto):/i.test(v), 'must be an http(s) or mailto: URL, or a path starting with "/"');

/** A comma-separated list, each entry trimmed and then shaped by `entry`; empty entries dropped. */
const commaList = (entry: (item: string) => string = (item) => item) =>
  z
    .string()
    .max(4000)
    .transform((v) =>
      v
        .split(',')
        .map((item) => entry(item.trim()))
        .filter(Boolean),
    );

const ticketSecret = z.string().min(16, 'must be at least 16 characters').max(512).optional();

export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4321),
  HOST: z.string().min(1).max(255).default('localhost'),
  KB_CONTENT_DIR: z.string().min(1).max(4096).optional(),
  /** Build into <dir>/dist instead of dist/ (tests and content repositories keep their builds apart). */
  KB_BUILD_DIR: z.string().min(1).max(4096).optional(),
  /**
   * Set by `npm run build` for the `astro build` it runs, not a setting: the search index is written after it exits.
   */
  KB_INDEX_AFTER_BUILD: flag.default(false),
  KB_SITE_URL: z.url({ protocol: /^https?$/ }).optional(),
  KB_SITE_NAME: z.string().min(1).max(80).optional(),
  KB_CONTACT_URL: urlOrPath.optional(),
  KB_DEFAULT_LANG: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag like "en"')
    .optional(),
  KB_STRICT_CONTENT: flag.default(false),
  KB_DB_PATH: z.string().min(1).max(4096).default('db/kb.sqlite'),
  /** PostgreSQL instead of the SQLite file, for several server processes: postgres://user:password@host:5432/db */
  KB_DATABASE_URL: z
    .string()
    .max(4096)
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /**
   * Optional ceiling on the events database in MB: past it, events are refused with 503 rather than filling the disk.
   */
  KB_DB_MAX_MB: z.coerce.number().int().min(1).max(16_000_000).optional(),
  /** PostgreSQL: a report statement running longer is cancelled (the report answers 503), so one cannot hold the database. */
  KB_REPORT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Raw events older than this many days are purged (rollups and comments stay); 0 keeps them forever. */
  KB_RETENTION_DAYS: z.coerce.number().int().min(0).max(100_000).default(400),
  KB_TRACKING: flag.default(true),
  /** At build: where the events API runs when it is not the site's own origin (the static site on a CDN). */
  KB_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** At run time: the site origins allowed to send events from a browser (comma-separated, or *). */
  KB_CORS_ORIGINS: commaList((o) => o.replace(/\/$/, ''))
    .pipe(z.array(z.union([z.literal('*'), z.url({ protocol: /^https?$/ })])))
    .default([]),
  KB_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  KB_TRUST_PROXY: flag.default(false),
  /** A JSON line per request on stdout: method, path, status, milliseconds (never a query string or an address). */
  KB_REQUEST_LOG: flag.default(true),
  /** A request (headers and body) that takes longer is cut off, so slow clients cannot hold connections open. */
  KB_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /** Turns GET /metrics on, for a scraper sending `Authorization: Bearer <token>`. */
  KB_METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters (e.g. `openssl rand -base64 32`)').max(512).optional(),
  /** Single sign-on with OpenID Connect: the identity provider's issuer URL and this client's credentials there. */
  KB_OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  KB_OIDC_CLIENT_ID: z.string().min(1).max(512).optional(),
  KB_OIDC_CLIENT_SECRET: z.string().min(1).max(2048).optional(),
  /** What the sign-in button calls the provider ("Sign in with …"). */
  KB_OIDC_NAME: z.string().min(1).max(60).default('single sign-on'),
  /** Email domains allowed to sign in with it (comma-separated); empty allows every address the provider vouches for. */
  KB_OIDC_ALLOWED_DOMAINS: commaList((d) => d.toLowerCase().replace(/^@/, '')).default([]),
  /** The ID token claim whose values map to roles (a string or a list, e.g. groups). */
  KB_OIDC_ROLE_CLAIM: z.string().min(1).max(100).default('groups'),
  /** Claim values to roles, e.g. `kb-admins=admin,support-leads=editor`: the highest match wins at each sign-in. */
  KB_OIDC_ROLE_MAP: commaList()
    .transform((pairs) =>
      pairs.map((pair) => {
        const at = pair.lastIndexOf('=');
        return { value: pair.slice(0, at).trim(), role: pair.slice(at + 1).trim() };
      }),
    )
    .pipe(
      z.array(
        z.object({ value: z.string().min(1, 'each entry must be value=role'), role: z.enum(ROLES, `roles are ${ROLES.join(', ')}`) }),
      ),
    )
    .default([]),
  /** The role of a person signing in with single sign-on for the first time when no mapping matches. */
  KB_OIDC_DEFAULT_ROLE: z.enum(ROLES).default('viewer'),
  /** Alerts and weekly digests by email: smtp(s)://user:password@host:port, and the sender's address. */
  KB_SMTP_URL: z
    .string()
    .max(2000)
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  KB_ALERT_FROM: z.string().min(3).max(200).default('Lantern <lantern@localhost>'),
  /** Alerts to a chat channel: a Slack-compatible incoming webhook URL. */
  KB_ALERT_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** A content gap alerts once its searches that showed nothing in a week reach this many. */
  KB_ALERT_MIN_ZERO_RESULTS: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /**
   * At build and run time: the query parameter the contact links carry the reader's reference in, and the name of the
   * help desk's custom field that receives it.
   */
  KB_TICKET_REF_PARAM: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'must be a letter followed by up to 39 letters, digits or "_"')
    .default(DEFAULT_TICKET_REF_PARAM),
  /** The secret each help desk signs its ticket webhooks with (or, where it cannot sign, the last part of the URL). */
  KB_TICKETS_SECRET_ZENDESK: ticketSecret,
  KB_TICKETS_SECRET_FRESHDESK: ticketSecret,
  KB_TICKETS_SECRET_HELPSCOUT: ticketSecret,
  KB_TICKETS_SECRET_INTERCOM: ticketSecret,
  KB_TICKETS_SECRET_CHATWOOT: ticketSecret,
  KB_TICKETS_SECRET_GENERIC: ticketSecret,
  /** Audit log entries older than this many days are pruned. */
  KB_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(100_000).default(400),
  /** Bearer token for the reports API; when unset, the first start generates one and stores only its hash. */
  KB_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters (e.g. `openssl rand -base64 32`)').max(512).optional(),
});
export type Env = z.infer<typeof EnvSchema>;

/** The site's own settings file, content/site.json; environment variables override it. */
export const SiteFileSchema = z.object({
  name: z.string().min(1).max(80).default('Help Center'),
  product: z.string().min(1).max(80).optional(),
  contactUrl: urlOrPath.default('mailto:support@example.com'),
  defaultLang: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/)
    .default('en'),
  popular: z.array(z.string().max(120)).max(12).default([]),
});
export type SiteFile = z.infer<typeof SiteFileSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws one readable line per bad variable. */
export function parseEnv(env: Record<string, string | undefined> = process.env): Env {
  const picked = Object.fromEntries(Object.keys(EnvSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const result = EnvSchema.safeParse(picked);
  if (result.success && result.data.KB_OIDC_ISSUER && !result.data.KB_OIDC_CLIENT_ID)
    throw new ConfigError(
      'Invalid environment:\n  KB_OIDC_CLIENT_ID: must be set with KB_OIDC_ISSUER (the client registered at the identity provider)',
    );
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}=${JSON.stringify(picked[String(i.path[0])])}: ${i.message}`);
  throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
}
