/** Site settings for pages: content/site.json, overridden by environment variables. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseEnv, SiteFileSchema } from '../schemas/env.ts';
import { contentDir } from './content-dir.ts';

export interface SiteConfig {
  name: string;
  product: string | null;
  contactUrl: string;
  defaultLang: string;
  popular: string[];
}

let cached: SiteConfig | undefined;

export function siteConfig(): SiteConfig {
  if (cached) return cached;
  const env = parseEnv();
  const file = join(contentDir(), 'site.json');
  const raw = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const parsed = SiteFileSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new ConfigError(`${file}: ${i.path.join('.')}: ${i.message}`);
  }
  const site = parsed.data;
  cached = {
    name: env.KB_SITE_NAME ?? site.name,
    product: site.product ?? null,
    contactUrl: env.KB_CONTACT_URL ?? site.contactUrl,
    defaultLang: env.KB_DEFAULT_LANG ?? site.defaultLang,
    popular: site.popular,
  };
  return cached;
}
