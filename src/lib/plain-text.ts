/** Reduces Markdown/MDX source to plain text, for derived descriptions and reading time. */

const FENCE = /^\s*(```|~~~)/;

/** Source lines outside fenced code blocks. */
export function linesOutsideCode(source: string): string[] {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of source.split(/\r?\n/)) {
    const m = FENCE.exec(line);
    if (m) {
      if (fence === null) fence = m[1]!;
      else if (m[1] === fence) fence = null;
      continue;
    }
    if (fence === null) out.push(line);
  }
  return out;
}

/** Inline Markdown to text: links keep their text, images and tags vanish, emphasis is unwrapped. */
export function inlineToText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/[*_~`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first prose paragraph: not a heading, list, quote, table, HTML/JSX block or import. */
export function firstParagraph(source: string): string | undefined {
  const blocks = linesOutsideCode(source).join('\n').split(/\n\s*\n/);
  for (const block of blocks) {
    const b = block.trim();
    if (!b || /^(#|[-*+] |\d+[.)] |>|\||<|import |export |\{)/.test(b)) continue;
    const text = inlineToText(b);
    if (text) return text;
  }
  return undefined;
}

/** Cuts text to at most `max` characters at a word boundary, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** Minutes to read: 220 words a minute, or 400 characters a minute for scripts without spaces. */
export function readingMinutes(source: string): number {
  const text = inlineToText(linesOutsideCode(source).join(' '));
  const cjk = (text.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g) ?? []).length;
  const words = text.replace(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g, ' ').split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / 220 + cjk / 400));
}
