import { beforeAll, describe, expect, test } from 'vitest';
import { ExportError } from '../../src/importers/help-center-source.ts';
import { planImport } from '../../src/importers/import-plan.ts';
import { zendeskSource } from '../../src/importers/zendesk.ts';
import { ArticleFrontmatterSchema } from '../../src/schemas/frontmatter.ts';
import { mdxSurprises, planFixture, readFixture, type PlannedImport } from '../helpers/imported-files.ts';

const GS = 'articles/getting-started';
const SHIPPING = 'articles/shipping-and-labels';
const BILLING = 'articles/account-and-billing';
const OLD = 'https://support.parcelpoint.example/hc/en-us/articles';

describe('importing the Zendesk fixture', () => {
  let imported: PlannedImport;
  beforeAll(() => {
    imported = planFixture(zendeskSource, 'zendesk-export.json');
  });

  test('makes a folder per category and a subfolder per section, nested sections inside their parent', () => {
    expect(imported.plan.counts).toEqual({ articles: 33, drafts: 2, categories: 3, sections: 8, mdx: 4 });
    expect(imported.paths).toContain(`${GS}/set-up-your-account/create-your-parcelpoint-account.md`);
    expect(imported.paths).toContain(`${SHIPPING}/international-shipping/ship-internationally.md`);
    expect(imported.paths).toContain(`${SHIPPING}/international-shipping/customs-forms/fill-in-a-customs-declaration.md`);
    expect(new Set(imported.paths.map((p) => p.split('/').slice(1, -1).join('/')))).toEqual(
      new Set([
        'getting-started/set-up-your-account',
        'getting-started/connect-your-store',
        'shipping-and-labels/labels',
        'shipping-and-labels/carriers',
        'shipping-and-labels/international-shipping',
        'shipping-and-labels/international-shipping/customs-forms',
        'account-and-billing/billing',
        'account-and-billing/users-and-permissions',
      ]),
    );
  });

  test('lists the categories in their order, with a description only where Zendesk has one', () => {
    expect(imported.plan.categories).toEqual([
      { id: 'getting-started', title: 'Getting started', description: 'Set up Parcelpoint, connect your store and ship your first order.' },
      { id: 'shipping-and-labels', title: 'Shipping and labels', description: 'Create labels, compare carriers and ship across borders.' },
      { id: 'account-and-billing', title: 'Account and billing' },
    ]);
  });

  test('writes the title, tags from labels, the updated day and the old path, and no description it would have to invent', () => {
    expect(imported.frontmatter(`${GS}/set-up-your-account/create-your-parcelpoint-account.md`)).toEqual({
      title: 'Create your Parcelpoint account',
      tags: ['signup', 'setup'],
      updated: new Date('2025-09-14'),
      redirect_from: ['/hc/en-us/articles/4404033456701-Create-your-Parcelpoint-account'],
    });
  });

  test('quotes a title with a colon and quotes so it reads back as it was', () => {
    const path = `${SHIPPING}/labels/error-address-could-not-be-verified.md`;
    expect(imported.text(path)).toContain('title: "Error: \\"Address could not be verified\\""\n');
    expect(imported.frontmatter(path).title).toBe('Error: "Address could not be verified"');
    expect(imported.frontmatter(`${SHIPPING}/labels/print-the-order-on-your-labels.mdx`).title).toBe('Print the order # on your labels');
  });

  test('writes frontmatter the build accepts for every article', () => {
    for (const path of imported.paths) expect(ArticleFrontmatterSchema.safeParse(imported.frontmatter(path)).success, path).toBe(true);
  });

  test('marks the two drafts and no other article', () => {
    const drafts = imported.paths.filter((p) => imported.frontmatter(p).draft === true);
    expect(drafts).toEqual([`${BILLING}/users-and-permissions/remove-a-team-member.md`, `${SHIPPING}/carriers/schedule-a-pickup.md`]);
    expect(imported.paths.filter((p) => 'draft' in imported.frontmatter(p))).toEqual(drafts);
  });

  test('gives lang only to the article in another language than the site, with its old path decoded', () => {
    const french = `${SHIPPING}/international-shipping/customs-forms/expedier-vers-le-canada.md`;
    expect(imported.paths.filter((p) => 'lang' in imported.frontmatter(p))).toEqual([french]);
    expect(imported.frontmatter(french)).toMatchObject({
      lang: 'fr',
      redirect_from: ['/hc/fr/articles/4404033456726-Expédier-vers-le-Canada'],
    });
    const onFrenchSite = planFixture(zendeskSource, 'zendesk-export.json', 'fr');
    expect(onFrenchSite.frontmatter(french).lang).toBeUndefined();
    expect(onFrenchSite.frontmatter(`${SHIPPING}/labels/create-a-shipping-label.md`).lang).toBe('en-US');
  });

  test('gives the later of two articles with the same title its id, by id', () => {
    expect(imported.paths.filter((p) => p.includes('frequently-asked-questions'))).toEqual([
      `${BILLING}/billing/frequently-asked-questions-4404033456729.md`,
      `${GS}/connect-your-store/frequently-asked-questions.md`,
    ]);
  });

  test('points links to exported articles, sections and categories at their new pages', () => {
    const account = imported.body(`${GS}/set-up-your-account/create-your-parcelpoint-account.md`);
    expect(account).toContain('[add your ship-from address](/articles/add-your-ship-from-address/)');
    expect(account).toContain('[Shipping and labels](/categories/shipping-and-labels/)');
    expect(imported.body(`${SHIPPING}/international-shipping/ship-internationally.md`)).toContain(
      '[customs forms](/categories/shipping-and-labels/)',
    );
    const sync = imported.body(`${GS}/connect-your-store/orders-are-not-syncing-from-my-store.md`);
    expect(sync).toContain('[Connect a Shopify store](/articles/connect-a-shopify-store/)');
    expect(sync).toContain('[Connect a WooCommerce store](/articles/connect-a-woocommerce-store/)');
  });

  test('keeps other links on the old help center, absolute, and warns about an article the export lacks', () => {
    const path = `${GS}/connect-your-store/orders-are-not-syncing-from-my-store.md`;
    expect(imported.body(path)).toContain(`[sync settings](${OLD}/4404099999999-Sync-settings-explained)`);
    expect(imported.body(path)).toContain('[contact us](https://support.parcelpoint.example/hc/en-us/requests/new)');
    expect(imported.warnings(path)).toEqual([
      `links to an article the export does not hold, so the link still points at the old help center: ${OLD}/4404099999999-Sync-settings-explained`,
    ]);
    expect(imported.warnings(`${BILLING}/users-and-permissions/roles-and-permissions.md`)).toEqual([
      'links to the draft "Remove a team member", a broken link until that article is published',
    ]);
  });

  test('turns callouts into <Callout>s in .mdx files that compile to the text they were', () => {
    const mdx = imported.paths.filter((p) => p.endsWith('.mdx'));
    expect(mdx).toEqual([
      `${GS}/connect-your-store/connect-a-shopify-store.mdx`,
      `${SHIPPING}/carriers/carrier-api-keys-where-to-find-them.mdx`,
      `${SHIPPING}/labels/print-labels-in-bulk.mdx`,
      `${SHIPPING}/labels/print-the-order-on-your-labels.mdx`,
    ]);
    expect(imported.body(mdx[0]!)).toContain('<Callout type="warning">\n  **Disconnecting removes unshipped orders.**');
    expect(imported.body(mdx[1]!)).toContain('<Callout type="danger">');
    expect(imported.body(mdx[2]!)).toContain('<Callout type="note">');
    expect(imported.body(mdx[3]!)).toContain(
      '<Callout type="tip">\n  Carriers cut the reference field at 30 characters on labels \\< 4 × 6 inches',
    );
    expect(imported.body(mdx[3]!)).toContain('for example \\{\\{order.number}} for the order number');
    for (const path of mdx) expect(mdxSurprises(imported.body(path)), path).toEqual([]);
  });

  test('keeps tables and code blocks, with their language', () => {
    const csv = imported.body(`${GS}/connect-your-store/import-orders-from-a-csv-file.md`);
    expect(csv).toContain(
      '| Column         | Example         | Required                  |\n| -------------- | --------------- | ------------------------- |',
    );
    expect(csv).toContain('```\norder_number,name,address1,city,postcode,country,weight_g\n');
    expect(imported.body(`${GS}/connect-your-store/connect-a-woocommerce-store.md`)).toContain(
      '```bash\nwp plugin install parcelpoint-shipping --activate\n',
    );
    expect(imported.body(`${SHIPPING}/carriers/carrier-api-keys-where-to-find-them.mdx`)).toContain('```json\n{\n  "status": "ok",');
  });

  test('leaves images where they are, absolute, and lists each one', () => {
    const tour = `${GS}/set-up-your-account/tour-of-the-dashboard.md`;
    expect(imported.body(tour)).toContain(
      '![The Exceptions panel](https://support.parcelpoint.example/hc/article_attachments/4409000000001/exceptions-panel.png)',
    );
    expect(imported.warnings(tour)).toEqual([
      'image stays on images.parcelpoint-cdn.example: https://images.parcelpoint-cdn.example/help/dashboard-overview.png',
      'image stays on support.parcelpoint.example: https://support.parcelpoint.example/hc/article_attachments/4409000000001/exceptions-panel.png',
    ]);
    expect(imported.warnings(`${SHIPPING}/labels/label-printer-setup-thermal-printers.md`)).toEqual([
      'image stays on cdn.labelhardware.example: https://cdn.labelhardware.example/guides/zebra-zd421-loading.jpg',
    ]);
    expect(imported.plan.warnings).toHaveLength(5);
  });
});

describe('a file that is not a Zendesk export', () => {
  const fixture = () => readFixture('zendesk-export.json') as { sections: Record<string, unknown>[]; articles: Record<string, unknown>[] };
  const problem = (raw: unknown) => {
    try {
      zendeskSource.read(raw);
    } catch (error) {
      if (error instanceof ExportError) return error.message;
      throw error;
    }
    throw new Error('the export was accepted');
  };

  test('is refused, naming the bad field', () => {
    const raw = fixture();
    raw.articles[3]!.title = 42;
    expect(problem(raw)).toBe('  articles[3].title: Invalid input: expected string, received number');
  });

  test('is refused when an article names a section the export lacks, or two articles share an id', () => {
    const raw = fixture();
    raw.articles[5]!.section_id = 1;
    raw.articles[7]!.id = raw.articles[6]!.id;
    expect(problem(raw)).toBe(
      '  articles[7].id: 4404033456707 is also the id of articles[6]\n  articles[5].section_id: no section in the export has the id 1',
    );
  });

  test('is refused when sections are nested in a loop', () => {
    const raw = fixture();
    raw.sections[4]!.parent_section_id = raw.sections[5]!.id;
    expect(problem(raw)).toContain('sections[4].parent_section_id: its parents lead back to');
  });

  test('is refused when it is something else altogether', () => {
    expect(problem([])).toBe('  (the file): Invalid input: expected object, received array');
    expect(problem({ articles: [] })).toBe(
      '  categories: Invalid input: expected array, received undefined\n  sections: Invalid input: expected array, received undefined',
    );
  });

  test('of an empty help center plans nothing', () => {
    expect(
      planImport(zendeskSource.read({ categories: [], sections: [], articles: [] }), { defaultLang: 'en', existing: new Map() }),
    ).toEqual({
      files: [],
      categories: [],
      counts: { articles: 0, drafts: 0, categories: 0, sections: 0, mdx: 0 },
      warnings: [],
    });
  });
});
