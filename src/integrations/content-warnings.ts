/** Problems in content that must not stop a build (a missing image, a renamed slug), listed by kind at its end. */

/** Each kind of warning and the heading it is listed under. */
export const WARNING_KINDS = {
  slug: 'slugs made unique (set "slug" in the frontmatter to choose one)',
  title: 'titles taken from the page (add a "title")',
  template: "template tags of another generator, shown as text (remove them or replace them with Lantern's components)",
  frontmatter: 'frontmatter values set aside',
  redirect: 'redirects not made',
  image: 'images not found',
  link: 'links to pages that do not exist',
} as const;
export type WarningKind = keyof typeof WARNING_KINDS;

export interface ContentWarning {
  kind: WarningKind;
  file: string;
  reference: string;
  problem: string;
}

// Markdown plugins, the content loader and the build hook may load this module twice (config and Vite graph): share by
// global key.
const KEY = Symbol.for('lantern.content-warnings');
const store = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map<string, ContentWarning>()) as Map<string, ContentWarning>;

export function addContentWarning(warning: ContentWarning): void {
  store.set(`${warning.file}\u0000${warning.reference}\u0000${warning.problem}`, warning);
}

/** Returns the warnings sorted by file and forgets them, so a rebuild starts clean. */
export function takeContentWarnings(): ContentWarning[] {
  const list = [...store.values()].sort((a, b) => a.file.localeCompare(b.file) || a.reference.localeCompare(b.reference));
  store.clear();
  return list;
}

/** "1 file", "2 files". */
export const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** The warnings by kind, each line naming the file: what the end of a build shows. */
export function warningsSummary(warnings: readonly ContentWarning[]): string {
  if (warnings.length === 0) return 'No content warnings.';
  const files = new Set(warnings.map((w) => w.file)).size;
  const lines = [`${plural(warnings.length, 'content warning')} in ${plural(files, 'file')}:`];
  for (const [kind, heading] of Object.entries(WARNING_KINDS)) {
    const ofKind = warnings.filter((w) => w.kind === kind);
    if (ofKind.length === 0) continue;
    lines.push(`  ${heading}: ${ofKind.length}`, ...ofKind.map((w) => `    ${w.file}: ${w.problem}: ${w.reference}`));
  }
  return lines.join('\n');
}

/** What KB_STRICT_CONTENT fails the build with: one message per file, its problems in a line. */
export function strictFailure(warnings: readonly ContentWarning[]): string {
  const byFile = Map.groupBy(warnings, (w) => w.file);
  const lines = [...byFile].map(([file, list]) => `  ${file}: ${list.map((w) => `${w.problem}: ${w.reference}`).join('; ')}`);
  return `${plural(byFile.size, 'file')} with content warnings, and KB_STRICT_CONTENT is set, so content warnings fail the build:\n${lines.join('\n')}`;
}
