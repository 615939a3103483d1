/** After a build: internal links and images in article bodies that point at nothing in the output. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentWarning } from './content-warnings.ts';

export const BODY_START = '<!--kb:body-->';
export const BODY_END = '<!--/kb:body-->';
/** Left in the HTML by the Markdown plugin where a local image was missing. */
export const MISSING_IMAGE_ATTR = 'data-kb-missing-image';
// Served on demand by the Node process, so absent from the static output.
const DYNAMIC_PREFIXES = ['/api/', '/reports'];

function htmlFiles(dir: string, base = dir, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'pagefind' && name !== '_astro') htmlFiles(path, base, out);
    } else if (name.endsWith('.html')) out.push(path);
  }
  return out;
}

function pageUrl(dir: string, file: string): string {
  const rel = file.slice(dir.length).replace(/\\/g, '/');
  return rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
}

// Every page links to the same few targets; look each one up on disk once per build.
const checked = new Map<string, boolean>();

function exists(dir: string, path: string): boolean {
  const key = `${dir}\u0000${path}`;
  let found = checked.get(key);
  if (found === undefined) checked.set(key, (found = existsOnDisk(dir, path)));
  return found;
}

function existsOnDisk(dir: string, path: string): boolean {
  if (DYNAMIC_PREFIXES.some((p) => path.startsWith(p))) return true;
  const decoded = decodeURIComponent(path);
  const target = join(dir, decoded);
  if (!target.startsWith(dir)) return false;
  return (existsSync(target) && statSync(target).isFile()) || existsSync(join(target, 'index.html')) || existsSync(`${target}.html`);
}

/** `sourceOf` maps a page URL to the content file it was built from, for messages writers can act on. */
export function findBrokenReferences(dir: string, sourceOf: (url: string) => string | undefined): ContentWarning[] {
  checked.clear();
  const warnings: ContentWarning[] = [];
  for (const file of htmlFiles(dir)) {
    const html = readFileSync(file, 'utf8');
    const start = html.indexOf(BODY_START);
    const end = html.indexOf(BODY_END);
    if (start < 0 || end < start) continue;
    const body = html.slice(start, end);
    const url = pageUrl(dir, file);
    for (const m of body.matchAll(new RegExp(`${MISSING_IMAGE_ATTR}="([^"]*)"`, 'g'))) {
      warnings.push({ kind: 'image', file: sourceOf(url) ?? url, reference: m[1]!, problem: 'image not found' });
    }
    for (const m of body.matchAll(/\s(href|src)="(\/(?!\/)[^"#?]*)[^"]*"/g)) {
      const path = m[2]!;
      if (!exists(dir, path)) {
        warnings.push({
          kind: m[1] === 'src' ? 'image' : 'link',
          file: sourceOf(url) ?? url,
          reference: path,
          problem: m[1] === 'src' ? 'image not found' : 'link target not found',
        });
      }
    }
  }
  return warnings;
}
