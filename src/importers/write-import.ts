/**
 * Writes a planned import into a content folder: it never replaces a file unless told to (--force), and it adds new
 * categories to categories.json, where the entries already there win.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Category } from '../schemas/frontmatter.ts';
import type { ImportPlan } from './import-plan.ts';

/** The import would replace files that are already there; `files` are relative to the content folder. */
export class ImportConflictError extends Error {
  override name = 'ImportConflictError';
  readonly files: string[];
  constructor(files: string[]) {
    super(`${files.length} of the files to write already exist`);
    this.files = files;
  }
}

export interface WriteResult {
  /** Categories added to categories.json. */
  added: Category[];
}

const otherExtension = (path: string) => (path.endsWith('.mdx') ? path.slice(0, -1) : `${path}x`);

/** Files already in the folder that the plan would replace: its own paths, or the same article as .md instead of .mdx (or back). */
export function existingFiles(plan: ImportPlan, dir: string): string[] {
  return plan.files.flatMap((f) => [f.path, otherExtension(f.path)]).filter((path) => existsSync(join(dir, path)));
}

/** `{ "id": "billing", "title": "Billing" }`: one entry a line, as content/categories.json is written by hand. */
const entry = (c: Category) =>
  `  { ${Object.entries(c)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(', ')} }`;

/** The file with the entries added before its closing bracket: what is there stays byte for byte. */
function withCategories(text: string | undefined, added: Category[]): string {
  const lines = added.map(entry).join(',\n');
  if (text === undefined) return `[\n${lines}\n]\n`;
  const end = text.lastIndexOf(']');
  const before = text.slice(0, end).trimEnd();
  return `${before}${before.endsWith('[') ? '' : ','}\n${lines}\n${text.slice(end)}`;
}

export function writeImport(plan: ImportPlan, dir: string, { force }: { force: boolean }): WriteResult {
  const replaced = existingFiles(plan, dir);
  if (replaced.length > 0 && !force) throw new ImportConflictError(replaced);
  const planned = new Set(plan.files.map((f) => f.path));
  // An article that became .mdx (or stopped being) must not leave its old file behind: both would claim its slug.
  for (const stale of replaced.filter((path) => !planned.has(path))) rmSync(join(dir, stale));
  for (const file of plan.files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.text);
  }
  // readExistingContent has checked the file is a list of categories.
  const file = join(dir, 'categories.json');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const known = new Set((text === undefined ? [] : (JSON.parse(text) as { id: unknown }[])).map((c) => c.id));
  const added = plan.categories.filter((c) => !known.has(c.id));
  if (added.length > 0) writeFileSync(file, withCategories(text, added));
  return { added };
}
