/**
 * An imported help center as the files Lantern reads: a folder per category and section, an article per file with
 * its frontmatter, new categories for categories.json, and what a person should check (warnings), before anything is
 * written.
 */
import { truncate } from '../content-model/plain-text.ts';
import { ArticleFrontmatterSchema, CategorySchema, type Category } from '../schemas/frontmatter.ts';
import { formatPath } from '../schemas/issues.ts';
import { articleAddresses, type ImportedPage } from './article-addresses.ts';
import { frontmatterYaml } from './frontmatter-yaml.ts';
import type { ImportedArticle, ImportedHelpCenter } from './help-center-source.ts';
import { htmlToMarkdown } from './html-to-markdown.ts';
import { articleSlugs, folderPaths } from './import-slugs.ts';
import { articleTags, langField, redirectPath } from './imported-fields.ts';

/** A file to write, its path relative to the content folder (`articles/billing/refunds.md`). */
export interface PlannedFile {
  path: string;
  text: string;
}

export interface ImportWarning {
  /** The article's file, relative to the content folder. */
  file: string;
  message: string;
}

export interface ImportPlan {
  files: PlannedFile[];
  /** Entries for categories.json, in the export's order (existing entries win when they are merged). */
  categories: Category[];
  counts: { articles: number; drafts: number; categories: number; sections: number; mdx: number };
  warnings: ImportWarning[];
}

export interface PlanOptions {
  /** The site's language (`defaultLang` of site.json): an article in another one gets `lang`. */
  defaultLang: string;
  /** Slugs of the files already in the content folder, and their paths without extension (`articles/billing/refunds`). */
  existing: ReadonlyMap<string, string>;
  onProgress?: (converted: number) => void;
}

export function planImport(center: ImportedHelpCenter, options: PlanOptions): ImportPlan {
  const paths = folderPaths(center.folders);
  const topFolders = center.folders.filter((f) => f.parentKey === null);
  const categoryOf = new Map([...paths].map(([key, path]) => [key, path.split('/')[0]!]));
  const folderOf = (a: ImportedArticle) => (a.folderKey && paths.has(a.folderKey) ? `${paths.get(a.folderKey)}/` : '');
  const slugs = articleSlugs(center.articles, folderOf, options.existing);
  const pages = new Map<string, ImportedPage>(
    center.articles.map((a) => [a.key, { slug: slugs.get(a.key)!, title: a.title, draft: a.draft }]),
  );

  const files: PlannedFile[] = [];
  const warnings: ImportWarning[] = [];
  center.articles.forEach((article, index) => {
    const base = `articles/${folderOf(article)}${slugs.get(article.key)}`;
    const found: string[] = [];
    const warn = (message: string) => found.push(message);
    const converted = htmlToMarkdown(article.html, articleAddresses(article, { center, pages, categoryOf }, warn));
    const file = `${base}.${converted.mdx ? 'mdx' : 'md'}`;
    if (!article.folderKey) warn('is in no category or section of the export, so it is in the "general" category');
    if (!converted.markdown) warn('has no text');
    const fields = {
      title: truncate(article.title, 200),
      description: article.description && truncate(article.description, 300),
      tags: articleTags(article.tags, warn),
      updated: article.updated,
      draft: article.draft || undefined,
      redirect_from: redirectPath(article.url, warn),
      lang: langField(article.locale, options.defaultLang, warn),
    };
    if (fields.title !== article.title) warn('has a title longer than 200 characters, cut in its frontmatter');
    // The build would stop on a field Lantern does not accept: better to say so before writing anything.
    const checked = ArticleFrontmatterSchema.safeParse(fields);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new Error(`The import made frontmatter Lantern does not accept for ${file}: ${formatPath(issue.path)}: ${issue.message}`);
    }
    files.push({ path: file, text: `---\n${frontmatterYaml(fields)}---\n\n${converted.markdown}` });
    warnings.push(...found.map((message) => ({ file, message })));
    options.onProgress?.(index + 1);
  });

  const categories = topFolders.map((folder) =>
    CategorySchema.parse({
      id: paths.get(folder.key)!,
      title: truncate(folder.title, 80),
      ...(folder.description ? { description: truncate(folder.description, 300) } : {}),
    }),
  );
  return {
    files,
    categories,
    counts: {
      articles: files.length,
      drafts: center.articles.filter((a) => a.draft).length,
      categories: topFolders.length,
      sections: center.folders.length - topFolders.length,
      mdx: files.filter((f) => f.path.endsWith('.mdx')).length,
    },
    warnings,
  };
}
