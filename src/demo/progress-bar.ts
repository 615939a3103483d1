/** Loading progress on stderr: one redrawn line on a terminal, a line every 10% in a log (CI, a pipe). */

const WIDTH = 28;
const format = (n: number) => Math.round(n).toLocaleString('en-US');

export interface ProgressBar {
  update(written: number): void;
  done(written: number): void;
}

export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const started = performance.now();
  const rate = (written: number) => written / Math.max((performance.now() - started) / 1000, 0.001);
  const share = (written: number) => (total > 0 ? Math.min(written / total, 1) : 1);

  if (stream.isTTY) {
    let drawnAt = 0;
    const draw = (written: number) => {
      const filled = Math.round(share(written) * WIDTH);
      const bar = '█'.repeat(filled) + '░'.repeat(WIDTH - filled);
      const percent = `${Math.floor(share(written) * 100)}%`.padStart(4);
      // \x1b[K clears what a longer previous line left behind.
      stream.write(`\r${bar} ${percent}  ${format(written)} / ${format(total)} events  ${format(rate(written))} events/s\x1b[K`);
    };
    return {
      update(written) {
        // A redraw per batch is plenty, but never more than ten a second.
        if (performance.now() - drawnAt < 100) return;
        drawnAt = performance.now();
        draw(written);
      },
      done(written) {
        draw(written);
        stream.write('\n');
      },
    };
  }

  let nextTenth = 1;
  const update = (written: number) => {
    while (nextTenth <= 10 && share(written) * 10 >= nextTenth) {
      stream.write(`Loading: ${nextTenth * 10}% (${format(written)} of ${format(total)} events, ${format(rate(written))} events/s)\n`);
      nextTenth++;
    }
  };
  return { update, done: update };
}
