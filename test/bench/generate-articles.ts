/**
 * Realistic help-center articles for the site benchmarks: N seeded articles (about 40% MDX with the project's
 * components,
 * 300–1,500 words, headings, lists, code, links between articles), written as Lantern content or, for Starlight and the
 * bare Astro floor, as the same text with stub components imported instead of Lantern's injected ones.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../../src/demo/random.ts';
import { slugify } from '../../src/content-model/slug.ts';

export const ARTICLE_SEED = 20261201;

const CATEGORIES = [
  'getting-started',
  'account-and-security',
  'billing',
  'invoicing',
  'payments',
  'bank-sync',
  'expenses',
  'reports',
  'integrations',
  'troubleshooting',
  'mobile-apps',
  'payroll',
];
const FEATURES = [
  'recurring invoices',
  'payment reminders',
  'bank feeds',
  'card payouts',
  'receipt scanning',
  'mileage logs',
  'profit and loss reports',
  'tax rates',
  'credit notes',
  'purchase orders',
  'team roles',
  'single sign-on',
  'two-factor authentication',
  'API keys',
  'webhooks',
  'Stripe payouts',
  'PayPal sync',
  'Shopify orders',
  'expense categories',
  'payroll runs',
  'time tracking',
  'project budgets',
  'client portal',
  'invoice templates',
  'multi-currency accounts',
  'VAT returns',
  'sales tax',
  'bank rules',
  'statement imports',
  'data exports',
  'audit log',
  'approval workflows',
  'late fees',
  'deposits',
  'refunds',
  'disputes',
  'subscription plans',
  'custom fields',
  'email delivery',
  'mobile notifications',
];
const VERBS = [
  'Set up',
  'Turn on',
  'Change',
  'Fix',
  'Troubleshoot',
  'Export',
  'Import',
  'Review',
  'Connect',
  'Automate',
  'Customize',
  'Delete',
  'Understand',
  'Reconcile',
  'Share',
];
const QUALIFIERS = [
  'for a new business',
  'on the mobile app',
  'for your whole team',
  'in the web app',
  'after a plan change',
  'with an accountant',
  'across several companies',
  'before year end',
  'for a client',
  'in bulk',
];
const TYPES = ['how-to', 'how-to', 'how-to', 'troubleshooting', 'faq', 'reference', 'announcement'] as const;
const OWNERS = ['Maya Chen', 'Jonas Weber', 'Amara Okafor', 'Lucía Romero', 'Priya Nair', 'Tom Becker'];
const SUBJECTS = [
  'The Owner',
  'An Admin',
  'Your accountant',
  'Each team member',
  'Ledgerly',
  'The mobile app',
  'Your bank',
  'The next invoice',
  'A new client',
  'The report',
];
const ACTIONS = [
  'can change this setting at any time',
  'sees the update within a few minutes',
  'keeps a copy in the audit log',
  'sends an email when something needs attention',
  'applies the rule to new transactions only',
  'shows a warning before anything is deleted',
  'uses the currency of your business by default',
  'needs the Growth plan or higher',
  'syncs again every six hours',
  'matches payments to open invoices automatically',
];
const TAILS = [
  'so you never lose track of what changed',
  'which saves time at the end of each month',
  'unless your administrator turned it off',
  'and nothing in your books changes until you confirm',
  'as long as the connection is active',
  'even when you work offline',
  'for every company you manage',
  'and you can undo it from the history page',
];
const CODE = [
  ['bash', 'curl https://api.ledgerly.example/v2/invoices \\\n  -H "Authorization: Bearer $LEDGERLY_KEY" \\\n  -d status=open -d limit=50'],
  ['json', '{\n  "event": "invoice.paid",\n  "invoice": "inv_20261104_0042",\n  "amount": 129000,\n  "currency": "EUR"\n}'],
  ['csv', 'date,description,amount,currency\n2026-11-02,Office rent,-1450.00,EUR\n2026-11-03,Client payment INV-0042,1290.00,EUR'],
  [
    'js',
    "const ledgerly = new Ledgerly({ apiKey: process.env.LEDGERLY_KEY });\nconst invoices = await ledgerly.invoices.list({ status: 'overdue' });\nconsole.log(invoices.length, 'overdue');",
  ],
] as const;

export interface GeneratedArticle {
  slug: string;
  category: string;
  ext: 'md' | 'mdx';
  /** Frontmatter lines without the --- fences. */
  frontmatter: string;
  body: string;
  words: number;
  title: string;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function sentence(rng: Random, feature: string): string {
  const subject = rng.chance(0.3) ? `Your ${feature}` : rng.pick(SUBJECTS);
  return `${subject} ${rng.pick(ACTIONS)}${rng.chance(0.5) ? `, ${rng.pick(TAILS)}` : ''}.`;
}

function paragraph(rng: Random, feature: string, links: string[]): string {
  const parts: string[] = [];
  for (let i = rng.int(3, 5); i > 0; i--) parts.push(sentence(rng, feature));
  if (links.length && rng.chance(0.35)) {
    const link = rng.pick(links);
    parts.push(`See [${link.replace(/-/g, ' ')}](/articles/${link}/) for the details.`);
  }
  if (rng.chance(0.3)) parts[0] = parts[0]!.replace(/^(\S+ \S+)/, '**$1**');
  return parts.join(' ');
}

const countWords = (text: string) => text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;

/** One section: a paragraph, then a list, code, a component or another paragraph; "###" only below a "##". */
function section(rng: Random, feature: string, links: string[], mdx: boolean, first: boolean): string {
  const heading = `${first || rng.chance(0.5) ? '##' : '###'} ${cap(rng.pick(VERBS).toLowerCase())} ${rng.pick(FEATURES)} ${rng.pick(QUALIFIERS)}`;
  const out = [heading, paragraph(rng, feature, links)];
  const kind = rng.int(0, mdx ? 6 : 3);
  if (kind === 0) out.push(Array.from({ length: rng.int(3, 6) }, () => `- ${sentence(rng, feature)}`).join('\n'));
  else if (kind === 1)
    out.push(
      Array.from(
        { length: rng.int(3, 6) },
        (_, i) => `${i + 1}. Select **${cap(rng.pick(FEATURES))}**, then ${sentence(rng, feature).toLowerCase()}`,
      ).join('\n'),
    );
  else if (kind === 2) {
    const [lang, code] = rng.pick(CODE);
    out.push(`Use \`${lang}\` like this:\n\n\`\`\`${lang}\n${code}\n\`\`\``);
  } else if (kind === 3) out.push(paragraph(rng, feature, links));
  else if (kind === 4)
    out.push(
      `<Callout type="${rng.pick(['note', 'tip', 'warning'])}" title="${cap(rng.pick(TAILS))}">\n\n${paragraph(rng, feature, links)}\n\n</Callout>`,
    );
  else if (kind === 5) {
    const steps = Array.from(
      { length: rng.int(2, 4) },
      () =>
        `<Step title="${rng.pick(VERBS)} ${rng.pick(FEATURES)}">\n\n${sentence(rng, feature)} Press <Kbd>Ctrl</Kbd> + <Kbd>${rng.pick(['K', 'S', 'Enter'])}</Kbd> to save.\n\n</Step>`,
    );
    out.push(`<Steps>\n${steps.join('\n')}\n</Steps>`);
  } else {
    const tabs = ['Web', 'iOS', 'Android'].map(
      (label) => `<Tab label="${label}">\n\n${sentence(rng, feature)} ${sentence(rng, feature)}\n\n</Tab>`,
    );
    out.push(`<Tabs>\n${tabs.join('\n')}\n</Tabs>\n\nAvailable on <Badge>${rng.pick(['Growth plan', 'Business plan', 'Beta'])}</Badge>`);
  }
  return out.join('\n\n');
}

/** The same N articles for the same seed on every machine; related slugs and links point at earlier articles. */
export function generateArticles(count: number, seed = ARTICLE_SEED): GeneratedArticle[] {
  const rng = new Random(seed);
  const articles: GeneratedArticle[] = [];
  const slugs = new Set<string>();
  for (let i = 0; i < count; i++) {
    const feature = rng.pick(FEATURES);
    let title = `${rng.pick(VERBS)} ${feature} ${rng.pick(QUALIFIERS)}`;
    let slug = slugify(title);
    if (slugs.has(slug)) {
      title = `${title} (${i})`;
      slug = `${slug}-${i}`;
    }
    slugs.add(slug);
    const mdx = rng.chance(0.4);
    const earlier = articles.slice(-200).map((a) => a.slug);
    const links = earlier.length ? Array.from({ length: 3 }, () => rng.pick(earlier)) : [];
    const target = rng.int(300, 1500);
    const parts = [paragraph(rng, feature, links)];
    let words = countWords(parts[0]!);
    while (words < target) {
      const next = section(rng, feature, links, mdx, parts.length === 1);
      parts.push(next);
      words += countWords(next.replace(/<[^>]+>/g, ' '));
    }
    const category = rng.pick(CATEGORIES);
    const related = [...new Set(links)].slice(0, 2);
    const frontmatter = [
      `title: "${title}"`,
      `description: "${sentence(rng, feature).replace(/"/g, '')}"`,
      `product_area: ${slugify(feature)}`,
      `type: ${rng.pick(TYPES)}`,
      `tags: [${slugify(feature).split('-').slice(0, 3).join(', ')}]`,
      `updated: 2026-${String(rng.int(1, 11)).padStart(2, '0')}-${String(rng.int(10, 28))}`,
      `owner: ${rng.pick(OWNERS)}`,
      ...(related.length ? [`related: [${related.join(', ')}]`] : []),
    ].join('\n');
    articles.push({ slug, category, ext: mdx ? 'mdx' : 'md', frontmatter, body: parts.join('\n\n'), words, title });
  }
  return articles;
}

/** Lantern's content folder: articles/<category>/<slug>.md(x), categories and site settings. */
export function writeLanternContent(articles: GeneratedArticle[], dir: string): void {
  for (const c of CATEGORIES) mkdirSync(join(dir, 'articles', c), { recursive: true });
  mkdirSync(join(dir, 'tutorials'), { recursive: true });
  for (const a of articles)
    writeFileSync(join(dir, 'articles', a.category, `${a.slug}.${a.ext}`), `---\n${a.frontmatter}\n---\n\n${a.body}\n`);
  const categories = CATEGORIES.map((id) => ({
    id,
    title: cap(id.replace(/-/g, ' ')),
    description: `Articles about ${id.replace(/-/g, ' ')} in Ledgerly.`,
  }));
  writeFileSync(join(dir, 'categories.json'), JSON.stringify(categories, null, 1));
  const site = {
    name: 'Ledgerly Help Center',
    product: 'Ledgerly',
    contactUrl: 'https://ledgerly.example/support',
    defaultLang: 'en',
    popular: articles.slice(0, 5).map((a) => a.slug),
  };
  writeFileSync(join(dir, 'site.json'), JSON.stringify(site, null, 1));
}

export const STUB_NAMES = ['Badge', 'Callout', 'Kbd', 'Step', 'Steps', 'Tab', 'Tabs'] as const;

/**
 * The articles as a collection folder of another Astro site (Starlight's docs, the bare floor): flat under articles/ so
 * the links /articles/<slug>/ stay identical; MDX files import stub components from `stubDir` (a path relative to the
 * article file's folder), because those sites have no component map to inject Lantern's.
 */
export function writePeerContent(articles: GeneratedArticle[], dir: string, stubImport: string): void {
  mkdirSync(join(dir, 'articles'), { recursive: true });
  const imports = STUB_NAMES.map((n) => `import ${n} from '${stubImport}/${n}.astro';`).join('\n');
  for (const a of articles) {
    const body = a.ext === 'mdx' ? `${imports}\n\n${a.body}` : a.body;
    writeFileSync(join(dir, 'articles', `${a.slug}.${a.ext}`), `---\n${a.frontmatter}\n---\n\n${body}\n`);
  }
}

/** Stub components rendering the same elements as Lantern's (without its icons, styles and tab script). */
export const STUB_SOURCES: Record<(typeof STUB_NAMES)[number], string> = {
  Badge: '<span class="badge"><slot /></span>',
  Callout:
    '---\nconst { type = \'note\', title } = Astro.props;\n---\n<aside class={`callout callout-${type}`} aria-label={title}><p class="callout-title">{title}</p><slot /></aside>',
  Kbd: '<kbd><slot /></kbd>',
  Step: '---\nconst { title } = Astro.props;\n---\n<li>{title && <strong>{title}</strong>}<slot /></li>',
  Steps: '<ol class="steps"><slot /></ol>',
  Tab: '---\nconst { label } = Astro.props;\n---\n<section data-tab-label={label}><p>{label}</p><slot /></section>',
  Tabs: '<div class="tabs"><slot /></div>',
};

export function writeStubComponents(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, source] of Object.entries(STUB_SOURCES)) writeFileSync(join(dir, `${name}.astro`), `${source}\n`);
}
