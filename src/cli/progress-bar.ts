/** Progress on stderr: one redrawn line on a terminal, a line every 10% in a log (CI, a pipe). */

const WIDTH = 28;
const format = (n: number) => Math.round(n).toLocaleString('en-US');

export interface ProgressBar {
  update(done: number): void;
  done(done: number): void;
}

/** What is counted ("events", "articles") and what the log lines call the work ("Loading", "Converting"). */
export interface ProgressLabels {
  unit: string;
  verb: string;
}

export function progressBar(total: number, { unit, verb }: ProgressLabels, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const started = performance.now();
  const rate = (done: number) => done / Math.max((performance.now() - started) / 1000, 0.001);
  const share = (done: number) => (total > 0 ? Math.min(done / total, 1) : 1);

  if (stream.isTTY) {
    let drawnAt = 0;
    const draw = (done: number) => {
      const filled = Math.round(share(done) * WIDTH);
      const bar = '█'.repeat(filled) + '░'.repeat(WIDTH - filled);
      const percent = `${Math.floor(share(done) * 100)}%`.padStart(4);
      // \x1b[K clears what a longer previous line left behind.
      stream.write(`\r${bar} ${percent}  ${format(done)} / ${format(total)} ${unit}  ${format(rate(done))} ${unit}/s\x1b[K`);
    };
    return {
      update(done) {
        // A redraw per batch is plenty, but never more than ten a second.
        if (performance.now() - drawnAt < 100) return;
        drawnAt = performance.now();
        draw(done);
      },
      done(done) {
        draw(done);
        stream.write('\n');
      },
    };
  }

  let nextTenth = 1;
  const update = (done: number) => {
    while (nextTenth <= 10 && share(done) * 10 >= nextTenth) {
      stream.write(`${verb}: ${nextTenth * 10}% (${format(done)} of ${format(total)} ${unit}, ${format(rate(done))} ${unit}/s)\n`);
      nextTenth++;
    }
  };
  return { update, done: update };
}
