/**
 * Where a site build's time goes, read from Astro's own log (the same lines for Lantern, Starlight and the floor):
 * the content sync and type generation, the Vite bundles, rendering the pages, and the Pagefind index.
 */
export interface BuildPhases {
  sync: number;
  bundle: number;
  pages: number;
  pagefind: number;
}

const seconds = (value: string, unit: string) => Number(value) / (unit === 'ms' ? 1000 : 1);
// Piped output has no colours, but a terminal's settings could still put some in.
// eslint-disable-next-line no-control-regex -- terminal colour codes are what this strips
const plain = (log: string) => log.replace(/\x1b\[[0-9;]*m/g, '');

/** Seconds per phase; NaN for a phase the log does not show. */
export function buildPhases(log: string): BuildPhases {
  const text = plain(log);
  const one = (re: RegExp) => {
    const m = re.exec(text);
    return m ? seconds(m[1]!, m[2]!) : NaN;
  };
  const bundles = [...text.matchAll(/\[vite\] ✓ built in ([\d.]+)(ms|s)/g)];
  return {
    sync: one(/\[types\] Generated ([\d.]+)(ms|s)/),
    bundle: bundles.length ? bundles.reduce((n, m) => n + seconds(m[1]!, m[2]!), 0) : NaN,
    // The page-rendering step's own line has no "[build]" label, unlike the build's other "Completed" lines.
    pages: one(/^\d\d:\d\d:\d\d ✓ Completed in ([\d.]+)(ms|s)\.?$/m),
    // Lantern's build prints its own line; the Pagefind CLI (the floor's second command) prints "Finished in".
    pagefind: one(/search index: \d+ pages indexed in (\d+) (ms)/) || one(/Finished in ([\d.]+) (s)econds/),
  };
}
