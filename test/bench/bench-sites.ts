/**
 * The three builds the site benchmarks share — Lantern, Starlight and the bare Astro floor — from the same N generated
 * articles: each build starts cold (no Astro cache, no output), is timed with its peak memory, and is stamped so that
 * the
 * page-weight and search benchmarks reuse an up-to-date build instead of making their own.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_SCRIPT } from '../../src/cli/build.ts';
import { inputsHash } from '../../src/cli/build-freshness.ts';
import { ROOT } from '../helpers/site-build.ts';
import { generateArticles, writeLanternContent, type GeneratedArticle } from './generate-articles.ts';
import { runMeasured, type Measured } from './measured-process.ts';
import { installStarlight, NODE, PAGEFIND_BIN, STARLIGHT_HOME, writeFloorSite, writeStarlightSite, type PeerSite } from './peer-sites.ts';

export type SiteKind = 'lantern' | 'starlight' | 'floor';
export const SITE_LABELS: Record<SiteKind, string> = { lantern: 'Lantern', starlight: 'Starlight', floor: 'bare Astro + MDX (floor)' };

const STAMP = '.bench-build-stamp';
const ENV = { ASTRO_TELEMETRY_DISABLED: '1' };

export interface SiteBuild extends Measured {
  kind: SiteKind;
  articles: number;
  /** The folder of static files to serve. */
  site: string;
  /** Article pages in the output, to show every site built all N. */
  pages: number;
}

const articleCache = new Map<number, GeneratedArticle[]>();
export function articlesFor(n: number): GeneratedArticle[] {
  let list = articleCache.get(n);
  if (!list) articleCache.set(n, (list = generateArticles(n)));
  return list;
}

const lanternDirs = (n: number) => ({
  content: join(ROOT, '.test-builds', `bench-content-${n}`),
  build: join(ROOT, '.test-builds', `bench-lantern-${n}`),
});

/** What a build depends on: the project's sources for Lantern, the generator and peer definitions for the others. */
function stampFor(kind: SiteKind, n: number): string {
  if (kind === 'lantern') return inputsHash(ROOT, lanternDirs(n).content, {});
  const hash = createHash('sha256').update(`${kind}:${n}\0`);
  for (const file of ['generate-articles.ts', 'peer-sites.ts']) hash.update(readFileSync(join(import.meta.dirname, file)));
  return hash.digest('hex');
}

function countArticlePages(site: string, n: number, articles: GeneratedArticle[]): number {
  // Checking every page would cost seconds at 10,000: a spread of 50 shows the site built them all.
  const step = Math.max(1, Math.floor(n / 50));
  let found = 0;
  for (let i = 0; i < n; i += step) if (existsSync(join(site, 'articles', articles[i]!.slug, 'index.html'))) found++;
  return Math.round((found * n) / Math.ceil(n / step));
}

// Builds made by this run of `npm run bench`: reused as they are, even if someone edits src/ meanwhile.
const builtThisRun = new Map<string, string>();

function finish(kind: SiteKind, n: number, site: string, stampDir: string, measured: Measured): SiteBuild {
  if (measured.status !== 0) throw new Error(`${SITE_LABELS[kind]} did not build ${n} articles:\n${measured.output.slice(-4000)}`);
  if (!existsSync(join(site, 'pagefind', 'pagefind.js'))) throw new Error(`${SITE_LABELS[kind]} built no Pagefind index in ${site}`);
  writeFileSync(join(stampDir, STAMP), stampFor(kind, n));
  builtThisRun.set(`${kind}:${n}`, site);
  return { ...measured, kind, articles: n, site, pages: countArticlePages(site, n, articlesFor(n)) };
}

const generatorHash = () =>
  createHash('sha256')
    .update(readFileSync(join(import.meta.dirname, 'generate-articles.ts')))
    .digest('hex');

/** Writes Lantern's content folder for N articles unless the same generator already wrote it. */
function prepareLanternContent(n: number): void {
  const { content } = lanternDirs(n);
  const marker = join(content, '.generator');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === generatorHash()) return;
  rmSync(content, { recursive: true, force: true });
  writeLanternContent(articlesFor(n), content);
  writeFileSync(marker, generatorHash());
}

async function buildLantern(n: number): Promise<SiteBuild> {
  const dirs = lanternDirs(n);
  prepareLanternContent(n);
  rmSync(dirs.build, { recursive: true, force: true });
  const measured = await runMeasured(NODE, [BUILD_SCRIPT], {
    cwd: ROOT,
    env: { ...ENV, KB_CONTENT_DIR: dirs.content, KB_BUILD_DIR: dirs.build },
  });
  return finish('lantern', n, join(dirs.build, 'dist/client'), dirs.build, measured);
}

async function buildPeer(kind: 'starlight' | 'floor', n: number, log: (line: string) => void): Promise<SiteBuild> {
  if (kind === 'starlight') installStarlight(log);
  const peer: PeerSite = kind === 'starlight' ? writeStarlightSite(articlesFor(n)) : writeFloorSite(articlesFor(n));
  const built = await runMeasured(NODE, [peer.astro, 'build'], { cwd: peer.root, env: ENV });
  if (kind === 'starlight' || built.status !== 0) return finish(kind, n, peer.dist, peer.root, built);
  // The floor has no integration running Pagefind: its index is a second command, timed with the build.
  const indexed = await runMeasured(PAGEFIND_BIN, ['--site', 'dist'], { cwd: peer.root });
  const both: Measured = {
    seconds: built.seconds + indexed.seconds,
    peakBytes: Math.max(built.peakBytes, indexed.peakBytes),
    peakProcessBytes: Math.max(built.peakProcessBytes, indexed.peakProcessBytes),
    status: indexed.status,
    output: `${built.output}\n${indexed.output}`,
  };
  return finish(kind, n, peer.dist, peer.root, both);
}

/** A cold, timed build of one site. */
export function buildSiteTimed(kind: SiteKind, n: number, log: (line: string) => void): Promise<SiteBuild> {
  return kind === 'lantern' ? buildLantern(n) : buildPeer(kind, n, log);
}

/** Where a build of `kind` with N articles is stamped, and the folder of static files it serves. */
function location(kind: SiteKind, n: number): { stampDir: string; site: string } {
  if (kind === 'lantern') return { stampDir: lanternDirs(n).build, site: join(lanternDirs(n).build, 'dist/client') };
  const root = kind === 'floor' ? join(ROOT, '.test-builds', `bench-floor-${n}`) : join(STARLIGHT_HOME, 'sites', String(n));
  return { stampDir: root, site: join(root, 'dist') };
}

/** The served folder of an up-to-date build of `kind` with N articles, building it (untimed) when there is none. */
export async function ensureBuilt(kind: SiteKind, n: number, log: (line: string) => void): Promise<string> {
  const reused = builtThisRun.get(`${kind}:${n}`);
  if (reused) return reused;
  if (kind === 'lantern') prepareLanternContent(n);
  const { stampDir, site } = location(kind, n);
  const stamp = join(stampDir, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === stampFor(kind, n)) return site;
  log(`building ${SITE_LABELS[kind]} with ${n.toLocaleString('en-US')} articles (no up-to-date build to reuse)`);
  return (await buildSiteTimed(kind, n, log)).site;
}
