/** Problems in content that must not stop a build (a missing image, a broken link), listed at its end. */

export interface ContentWarning {
  file: string;
  reference: string;
  problem: string;
}

// Markdown plugins and the build hook may load this module twice (config and Vite graph): share by global key.
const KEY = Symbol.for('lantern.content-warnings');
const store = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map<string, ContentWarning>()) as Map<string, ContentWarning>;

export function addContentWarning(warning: ContentWarning): void {
  store.set(`${warning.file}\u0000${warning.reference}`, warning);
}

/** Returns the warnings sorted by file and forgets them, so a rebuild starts clean. */
export function takeContentWarnings(): ContentWarning[] {
  const list = [...store.values()].sort((a, b) => a.file.localeCompare(b.file) || a.reference.localeCompare(b.reference));
  store.clear();
  return list;
}
