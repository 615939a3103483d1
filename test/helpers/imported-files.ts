/** Plans an import of a fixture export without touching the disk, and reads back the files it would write. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontmatter } from 'astro/markdown';
import { mdxToMdast } from 'satteri';
import type { HelpCenterSource } from '../../src/importers/help-center-source.ts';
import { planImport, type ImportPlan } from '../../src/importers/import-plan.ts';
import { ROOT } from './site-build.ts';

export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, 'test/fixtures/imports', name), 'utf8'));
}

export interface PlannedImport {
  plan: ImportPlan;
  paths: string[];
  /** The whole text of a planned file; throws for a path the plan does not hold. */
  text(path: string): string;
  /** Its frontmatter as the build's YAML parser reads it. */
  frontmatter(path: string): Record<string, unknown>;
  /** The Markdown after the frontmatter. */
  body(path: string): string;
  /** Warnings about one file. */
  warnings(path: string): string[];
}

export function planFixture(source: HelpCenterSource, fixture: string, defaultLang = 'en'): PlannedImport {
  const plan = planImport(source.read(readFixture(fixture)), { defaultLang, existing: new Map() });
  const text = (path: string) => {
    const file = plan.files.find((f) => f.path === path);
    if (!file) throw new Error(`the plan has no ${path}; it has:\n${plan.files.map((f) => f.path).join('\n')}`);
    return file.text;
  };
  return {
    plan,
    paths: plan.files.map((f) => f.path).sort(),
    text,
    frontmatter: (path) => parseFrontmatter(text(path)).frontmatter,
    body: (path) => parseFrontmatter(text(path)).content.trim(),
    warnings: (path) => plan.warnings.filter((w) => w.file === path).map((w) => w.message),
  };
}

interface MdxNode {
  type: string;
  name?: string | null;
  children?: MdxNode[];
}

/**
 * What in an MDX body would not read as the text it was: expressions (`{…}`), ESM (`import …`) and JSX other than
 * <Callout>, parsed with satteri, the compiler Astro's MDX integration uses. A parse error is thrown as it is.
 */
export function mdxSurprises(body: string): string[] {
  const found: string[] = [];
  const walk = (node: MdxNode) => {
    if (/^mdx(Flow|Text)Expression$|^mdxjsEsm$/.test(node.type)) found.push(node.type);
    if (/^mdxJsx(Flow|Text)Element$/.test(node.type) && node.name !== 'Callout') found.push(`<${node.name}>`);
    node.children?.forEach(walk);
  };
  walk(mdxToMdast(body) as MdxNode);
  return found;
}
