/** Runs a command and measures its wall-clock time and the peak memory (summed RSS) of its whole process tree. */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const PAGE_BYTES = 4096;
const SAMPLE_MS = 100;

export interface Measured {
  seconds: number;
  /** Highest sum of resident memory over the command and all its descendants, sampled every 100 ms. */
  peakBytes: number;
  /** Highest resident memory of any one process of the tree (in the site builds, Astro's). */
  peakProcessBytes: number;
  status: number | null;
  output: string;
}

/** pid → [parent pid, resident bytes] for every process visible in /proc. */
function processTable(): Map<number, [number, number]> {
  const table = new Map<number, [number, number]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name (field 2) may contain spaces and parentheses: fields are counted after its last ")".
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), [Number(fields[1]), Number(fields[21]) * PAGE_BYTES]);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return table;
}

/** Resident bytes of `root` and all its descendants, and of the largest of them. */
export function treeRss(root: number): { tree: number; largest: number } {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, [parent]] of table) children.set(parent, [...(children.get(parent) ?? []), pid]);
  let total = 0;
  let largest = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    const rss = table.get(pid)?.[1] ?? 0;
    total += rss;
    largest = Math.max(largest, rss);
    stack.push(...(children.get(pid) ?? []));
  }
  return { tree: total, largest };
}

export function runMeasured(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let peakBytes = 0;
    let peakProcessBytes = 0;
    const sample = () => {
      if (!child.pid) return;
      const rss = treeRss(child.pid);
      peakBytes = Math.max(peakBytes, rss.tree);
      peakProcessBytes = Math.max(peakProcessBytes, rss.largest);
    };
    const timer = setInterval(sample, SAMPLE_MS);
    child.once('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.once('close', (status) => {
      clearInterval(timer);
      resolve({
        seconds: (performance.now() - started) / 1000,
        peakBytes,
        peakProcessBytes,
        status,
        // eslint-disable-next-line no-control-regex -- terminal colour codes are what this strips
        output: output.replace(/\x1b\[[0-9;]*m/g, ''),
      });
    });
  });
}
