import { beforeAll, describe, expect, test } from 'vitest';
import { ExportError } from '../../src/importers/help-center-source.ts';
import { intercomSource } from '../../src/importers/intercom.ts';
import { mdxSurprises, planFixture, readFixture, type PlannedImport } from '../helpers/imported-files.ts';

const GS = 'articles/getting-started';
const SYNC = 'articles/sync-and-sharing';

describe('importing the Intercom fixture', () => {
  let imported: PlannedImport;
  beforeAll(() => {
    imported = planFixture(intercomSource, 'intercom-export.json');
  });

  test('makes a folder per collection, a nested collection inside its parent', () => {
    expect(imported.plan.counts).toEqual({ articles: 10, drafts: 1, categories: 2, sections: 1, mdx: 2 });
    expect(imported.paths).toEqual([
      `${GS}/create-your-first-notebook.md`,
      `${GS}/import-notes-from-evernote.mdx`,
      `${GS}/keyboard-shortcuts.md`,
      `${GS}/use-the-notefold-api.md`,
      `${SYNC}/offline-mode-beta.md`,
      `${SYNC}/share-a-note-with-a-link.md`,
      `${SYNC}/shared-workspaces/invite-people-to-a-shared-workspace.md`,
      `${SYNC}/shared-workspaces/workspace-roles.md`,
      `${SYNC}/sync-conflicts-which-version-wins.md`,
      `${SYNC}/turn-on-sync.mdx`,
    ]);
    expect(imported.plan.categories).toEqual([
      { id: 'getting-started', title: 'Getting started', description: 'Everything you need for your first week with Notefold.' },
      { id: 'sync-and-sharing', title: 'Sync and sharing', description: 'Keep notes in sync across devices and share them with others.' },
    ]);
  });

  test('keeps a description the writer gave, and the old path as redirect_from', () => {
    expect(imported.frontmatter(`${GS}/create-your-first-notebook.md`)).toEqual({
      title: 'Create your first notebook',
      description: 'Notebooks hold your notes: here is how to make one and fill it.',
      updated: new Date('2025-10-31'),
      redirect_from: ['/en/articles/8123401-create-your-first-notebook'],
    });
    expect(imported.frontmatter(`${SYNC}/shared-workspaces/workspace-roles.md`)).toEqual({
      title: 'Workspace roles',
      updated: new Date('2025-09-04'),
      redirect_from: ['/en/articles/8123408-workspace-roles'],
    });
  });

  test('marks the draft, which has no old address to redirect from', () => {
    expect(imported.frontmatter(`${SYNC}/offline-mode-beta.md`)).toEqual({
      title: 'Offline mode (beta)',
      description: 'Keep working without a connection.',
      updated: new Date('2025-11-30'),
      draft: true,
    });
  });

  test('points links between articles at their new pages', () => {
    expect(imported.body(`${GS}/create-your-first-notebook.md`)).toContain('[keyboard shortcuts](/articles/keyboard-shortcuts/)');
    expect(imported.body(`${SYNC}/turn-on-sync.mdx`)).toContain(
      '[Sync conflicts: which version wins?](/articles/sync-conflicts-which-version-wins/)',
    );
  });

  test('turns coloured callouts into <Callout>s of the matching kind', () => {
    expect(imported.body(`${GS}/import-notes-from-evernote.mdx`)).toContain(
      '<Callout type="warning">\n  Attachments larger than 25 MB are skipped.',
    );
    expect(imported.body(`${SYNC}/turn-on-sync.mdx`)).toContain('<Callout type="note">\n  Sync uses end-to-end encryption');
    for (const path of imported.paths.filter((p) => p.endsWith('.mdx'))) expect(mdxSurprises(imported.body(path))).toEqual([]);
  });

  test('keeps tables, tight lists and code', () => {
    expect(imported.body(`${GS}/keyboard-shortcuts.md`)).toContain('| New note   | ⌘ N       | Ctrl N              |');
    expect(imported.body(`${GS}/create-your-first-notebook.md`)).toContain(
      '1. Select **New notebook** in the sidebar.\n2. Give it a name and pick a colour.\n',
    );
    expect(imported.body(`${GS}/use-the-notefold-api.md`)).toContain('```\ncurl https://api.notefold.example/v1/notes \\\n');
  });

  test('lists the image left on Intercom’s servers as the only warning', () => {
    expect(imported.body(`${SYNC}/share-a-note-with-a-link.md`)).toContain(
      '![The Share dialog with the link switched on](https://downloads.intercomcdn.com/i/o/t7k2xq9m/901234567/share-dialog.png)',
    );
    expect(imported.plan.warnings).toEqual([
      {
        file: `${SYNC}/share-a-note-with-a-link.md`,
        message: 'image stays on downloads.intercomcdn.com: https://downloads.intercomcdn.com/i/o/t7k2xq9m/901234567/share-dialog.png',
      },
    ]);
  });
});

describe('a file that is not an Intercom export', () => {
  const fixture = () =>
    readFixture('intercom-export.json') as { collections: Record<string, unknown>[]; articles: { data: Record<string, unknown>[] } };
  const problem = (raw: unknown) => {
    try {
      intercomSource.read(raw);
    } catch (error) {
      if (error instanceof ExportError) return error.message;
      throw error;
    }
    throw new Error('the export was accepted');
  };

  test('is refused, naming the field where it is in the list object or the array', () => {
    const raw = fixture();
    raw.articles.data[2]!.state = 'archived';
    raw.collections[1]!.name = '';
    expect(problem(raw)).toBe(
      '  collections[1].name: must not be empty\n  articles.data[2].state: Invalid option: expected one of "published"|"draft"',
    );
  });

  test('is refused when a collection sits in one the export lacks', () => {
    const raw = fixture();
    raw.collections[2]!.parent_id = '999';
    expect(problem(raw)).toBe('  collections[2].parent_id: no collection in the export has the id 999');
  });

  test('accepts both lists as plain arrays', () => {
    const raw = fixture();
    expect(intercomSource.read({ collections: raw.collections, articles: raw.articles.data }).articles).toHaveLength(10);
  });
});
