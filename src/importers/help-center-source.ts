/** What every hosted help center's export becomes before it is written, and the one interface each provider implements. */
import type { z } from 'zod';
import { formatPath } from '../schemas/issues.ts';

/** A category or section (Zendesk), a collection (Intercom): a folder; top-level folders are Lantern's categories. */
export interface ImportedFolder {
  /** Unique among the export's folders (a Zendesk category and section may share an id). */
  key: string;
  /** The provider's id: folders of the same name are told apart, in this order, by it. */
  id: string;
  title: string;
  description: string | undefined;
  /** The folder it sits in; null for a category. */
  parentKey: string | null;
}

export interface ImportedArticle {
  /** The provider's id: duplicate slugs are told apart, in this order, by it. */
  key: string;
  title: string;
  /** Only a description the writer gave; Lantern derives one from the first paragraph otherwise. */
  description: string | undefined;
  html: string;
  /** null when the export places it in no folder. */
  folderKey: string | null;
  tags: string[];
  updated: Date | undefined;
  draft: boolean;
  /** Its public address in the old help center: relative links resolve against it and it redirects to the new page. */
  url: URL | undefined;
  locale: string | undefined;
}

/** What a link in an article body points at in the old help center; its key may be missing from the export. */
export type LinkTarget = { article: string } | { folder: string };

export interface ImportedHelpCenter {
  /** Folders in display order: categories.json lists new categories in this order. */
  folders: ImportedFolder[];
  articles: ImportedArticle[];
  linkTarget(url: URL): LinkTarget | undefined;
}

export interface HelpCenterSource {
  /** As people write it: "Zendesk". */
  name: string;
  /** Throws ExportError when `raw` is not an export of this provider. */
  read(raw: unknown): ImportedHelpCenter;
}

/** The file is not a valid export; the message names each bad field (`articles[3].title: …`). */
export class ExportError extends Error {
  override name = 'ExportError';
}

const SHOWN_ISSUES = 5;

/** Parses with the provider's schema; `where` maps an issue's path to where it is in the file as written. */
export function parseExport<T extends z.ZodType>(
  schema: T,
  raw: unknown,
  where: (path: readonly PropertyKey[]) => readonly PropertyKey[] = (path) => path,
): z.infer<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const lines = issues.slice(0, SHOWN_ISSUES).map((i) => `  ${formatPath(where(i.path)) || '(the file)'}: ${i.message}`);
  if (issues.length > SHOWN_ISSUES) lines.push(`  … and ${issues.length - SHOWN_ISSUES} more`);
  throw new ExportError(lines.join('\n'));
}

/** Numeric ids in numeric order (as strings they can exceed 2^53), others after them in text order. */
export function compareKeys(a: string, b: string): number {
  const numeric = (k: string) => /^\d+$/.test(k);
  if (numeric(a) && numeric(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return Number(numeric(b)) - Number(numeric(a)) || a.localeCompare(b);
}

/** The hosts the old help center answered on, from the addresses of everything in the export. */
export function hostsOf(urls: (string | null | undefined)[]): Set<string> {
  const hosts = new Set<string>();
  for (const url of urls) if (url) hosts.add(new URL(url).host);
  return hosts;
}
