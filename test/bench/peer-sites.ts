/**
 * The two sites Lantern's build is compared with, made from the same generated articles: Starlight (installed with npm
 * into a temporary folder at run time, never a dependency of the project) and a bare Astro + MDX site with no layout.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../helpers/site-build.ts';
import { writePeerContent, writeStubComponents, type GeneratedArticle } from './generate-articles.ts';

export const STARLIGHT_VERSION = '0.42.4';
/** The same Astro as the project's, so the comparison is of the sites, not of two Astro releases. */
export const ASTRO_VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules/astro/package.json'), 'utf8')) as { version: string })
  .version;
/** Node 24 from the project's devDependency (the system node may be older than Astro needs). */
export const NODE = process.execPath;
const NPM_CLI = join(dirname(dirname(NODE)), 'lib/node_modules/npm/bin/npm-cli.js');

/** Kept between runs: the install is the same for the same versions, and costs a minute over the network. */
export const STARLIGHT_HOME = join(tmpdir(), `lantern-bench-starlight-${STARLIGHT_VERSION}-astro-${ASTRO_VERSION}`);

/**
 * Installs Starlight into STARLIGHT_HOME unless it is there already; returns the seconds spent installing (0 if
 * reused).
 */
export function installStarlight(log: (line: string) => void): number {
  if (existsSync(join(STARLIGHT_HOME, 'node_modules/@astrojs/starlight/package.json'))) return 0;
  mkdirSync(STARLIGHT_HOME, { recursive: true });
  const pkg = {
    name: 'starlight-peer',
    private: true,
    type: 'module',
    dependencies: { '@astrojs/starlight': STARLIGHT_VERSION, astro: ASTRO_VERSION },
  };
  writeFileSync(join(STARLIGHT_HOME, 'package.json'), JSON.stringify(pkg, null, 1));
  log(`installing @astrojs/starlight ${STARLIGHT_VERSION} with astro ${ASTRO_VERSION} into ${STARLIGHT_HOME}`);
  const started = performance.now();
  const npm = existsSync(NPM_CLI) ? [NODE, NPM_CLI] : ['npm'];
  execFileSync(npm[0]!, [...npm.slice(1), 'install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: STARLIGHT_HOME,
    stdio: 'inherit',
  });
  return (performance.now() - started) / 1000;
}

export interface PeerSite {
  /** The folder to run `astro build` in. */
  root: string;
  astro: string;
  dist: string;
}

/**
 * A Starlight site under STARLIGHT_HOME/sites/<n> (its node_modules resolve from the parent). The sidebar lists a few
 * links only: Starlight's default sidebar lists every page on every page, which at 10,000 articles is megabytes of HTML
 * per page and not how anyone would configure a help center of that size.
 */
export function writeStarlightSite(articles: GeneratedArticle[]): PeerSite {
  const root = join(STARLIGHT_HOME, 'sites', String(articles.length));
  rmSync(root, { recursive: true, force: true });
  writePeerContent(articles, join(root, 'src/content/docs'), '../../../components/stubs');
  writeStubComponents(join(root, 'src/components/stubs'));
  const sidebar = articles.slice(0, 8).map((a) => ({ label: a.title, link: `/articles/${a.slug}/` }));
  writeFileSync(
    join(root, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\nexport default defineConfig({ integrations: [starlight({ title: 'Ledgerly Help Center', sidebar: ${JSON.stringify(sidebar)} })] });\n`,
  );
  writeFileSync(
    join(root, 'src/content.config.ts'),
    "import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\nexport const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n",
  );
  // Astro keeps the packages a site depends on inside its bundle (they import astro: modules); it reads them from here.
  writeFileSync(
    join(root, 'package.json'),
    '{ "name": "starlight-bench-site", "private": true, "type": "module", "dependencies": { "@astrojs/starlight": "*", "astro": "*" } }\n',
  );
  return { root, astro: join(STARLIGHT_HOME, 'node_modules/astro/bin/astro.mjs'), dist: join(root, 'dist') };
}

/** The floor: Astro + MDX with the project's own packages, one page per article holding only the title and the body. */
export function writeFloorSite(articles: GeneratedArticle[]): PeerSite {
  const root = join(ROOT, '.test-builds', `bench-floor-${articles.length}`);
  rmSync(root, { recursive: true, force: true });
  writePeerContent(articles, join(root, 'src/content'), '../../components/stubs');
  writeStubComponents(join(root, 'src/components/stubs'));
  mkdirSync(join(root, 'src/pages/articles'), { recursive: true });
  writeFileSync(
    join(root, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\nimport mdx from '@astrojs/mdx';\nexport default defineConfig({ integrations: [mdx()] });\n",
  );
  writeFileSync(
    join(root, 'src/content.config.ts'),
    "import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nexport const collections = { articles: defineCollection({ loader: glob({ pattern: '**/*.{md,mdx}', base: './src/content/articles' }) }) };\n",
  );
  writeFileSync(
    join(root, 'src/pages/articles/[slug].astro'),
    '---\nimport { getCollection, render } from \'astro:content\';\nexport async function getStaticPaths() {\n  return (await getCollection(\'articles\')).map((entry) => ({ params: { slug: entry.id }, props: { entry } }));\n}\nconst { entry } = Astro.props;\nconst { Content } = await render(entry);\n---\n<html lang="en"><head><meta charset="utf-8" /><title>{entry.data.title}</title></head><body><main data-pagefind-body><h1>{entry.data.title}</h1><Content /></main></body></html>\n',
  );
  writeFileSync(
    join(root, 'package.json'),
    '{ "name": "floor-bench-site", "private": true, "type": "module", "dependencies": { "@astrojs/mdx": "*", "astro": "*" } }\n',
  );
  return { root, astro: join(ROOT, 'node_modules/astro/bin/astro.mjs'), dist: join(root, 'dist') };
}

export const PAGEFIND_BIN = join(ROOT, 'node_modules/.bin/pagefind');
