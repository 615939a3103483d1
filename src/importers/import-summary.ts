/** What `npm run import` prints at the end: what it wrote, and each warning under the article it is about. */
import type { Category } from '../schemas/frontmatter.ts';
import type { ImportPlan } from './import-plan.ts';

export interface SummaryInput {
  provider: string;
  plan: ImportPlan;
  /** Categories added to categories.json. */
  added: Category[];
  /** A content-folder path as the reader should see it (`content/articles/x.md`). */
  shown: (path: string) => string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function importSummary({ provider, plan, added, shown }: SummaryInput): string {
  const { counts } = plan;
  const lines = [
    `Imported ${plural(counts.articles, 'article')} from ${provider} into ${shown('articles/')}` +
      (counts.mdx ? ` (${counts.mdx} as MDX, for their callouts).` : '.'),
    `  categories  ${counts.categories} (${added.length} added to ${shown('categories.json')})`,
    `  sections    ${counts.sections}`,
    `  drafts      ${counts.drafts}${counts.drafts ? ' (draft: true, unpublished until that line goes)' : ''}`,
  ];
  if (plan.warnings.length === 0) {
    lines.push('', 'No warnings.');
  } else {
    lines.push('', `${plural(plan.warnings.length, 'warning')}:`);
    const byFile = Map.groupBy(plan.warnings, (w) => w.file);
    for (const [file, warnings] of byFile) {
      lines.push(`  ${shown(file)}`, ...warnings.map((w) => `    ${w.message}`));
    }
  }
  return lines.join('\n');
}
