/**
 * Lighthouse, installed with npm into a temporary folder at run time (not a dependency of the project), run on the
 * system Chromium.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH } from '../helpers/chromium-path.ts';
import { NODE } from './peer-sites.ts';

export const LIGHTHOUSE_VERSION = '13.5.0';
const HOME = join(tmpdir(), `lantern-bench-lighthouse-${LIGHTHOUSE_VERSION}`);
const CLI = join(HOME, 'node_modules/lighthouse/cli/index.js');
const CHROME_FLAGS =
  '--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run';

/** Installs Lighthouse unless an earlier run left it; returns the seconds spent (0 if reused). */
export function installLighthouse(log: (line: string) => void): number {
  if (existsSync(CLI)) return 0;
  mkdirSync(HOME, { recursive: true });
  writeFileSync(
    join(HOME, 'package.json'),
    JSON.stringify({ name: 'lighthouse-peer', private: true, dependencies: { lighthouse: LIGHTHOUSE_VERSION } }),
  );
  log(`installing lighthouse ${LIGHTHOUSE_VERSION} into ${HOME}`);
  const started = performance.now();
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: HOME, stdio: 'inherit' });
  return (performance.now() - started) / 1000;
}

export interface LighthouseScores {
  performance: number;
  accessibility: number;
  /** Largest contentful paint and total blocking time as Lighthouse simulated them, in ms. */
  lcp: number;
  tbt: number;
  failedAccessibility: string[];
}

interface Lhr {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<
    string,
    { score: number | null; numericValue?: number; title: string; details?: { items?: { node?: { selector?: string } }[] } }
  >;
}

/** One Lighthouse run with its default settings: mobile form factor, simulated slow 4G and 4× CPU slowdown. */
export function runLighthouse(url: string): Promise<LighthouseScores> {
  const args = [
    CLI,
    url,
    '--output=json',
    '--output-path=stdout',
    '--only-categories=performance,accessibility',
    '--quiet',
    `--chrome-flags=${CHROME_FLAGS}`,
  ];
  return new Promise((resolve, reject) => {
    execFile(NODE, args, { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`lighthouse failed on ${url}: ${stderr || error.message}`));
      const lhr = JSON.parse(stdout) as Lhr;
      const score = (name: string) => Math.round((lhr.categories[name]?.score ?? 0) * 100);
      const failedAccessibility = (lhr.categories.accessibility?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score === 0)
        // Which elements fail, so a miss can be acted on.
        .map(
          (ref) =>
            `${ref.id} (${(lhr.audits[ref.id]?.details?.items ?? [])
              .slice(0, 3)
              .map((i) => i.node?.selector ?? '?')
              .join('; ')})`,
        );
      resolve({
        performance: score('performance'),
        accessibility: score('accessibility'),
        lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
        tbt: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
        failedAccessibility,
      });
    });
  });
}
