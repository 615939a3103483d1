/** Markdown plugin: shows angle-bracket placeholders such as <PORT> as text instead of swallowing them as HTML. */
import { defineMdastPlugin } from 'satteri';
import { HTML_TAG_NAMES } from './html-tag-names.ts';

// Exactly one opening or closing tag, e.g. "<PORT>", "</Name>", "<api-key>".
const SINGLE_TAG = /^<\/?([A-Za-z][A-Za-z0-9-]*)\s*\/?>$/;

export function placeholderTags() {
  return defineMdastPlugin({
    name: 'lantern-placeholder-tags',
    html(node, ctx) {
      // MDX has JSX instead of raw HTML; exported help centers arrive as plain .md.
      if (ctx.sourceFormat !== 'markdown') return;
      const tag = SINGLE_TAG.exec(node.value.trim())?.[1];
      if (tag && !HTML_TAG_NAMES.has(tag.toLowerCase())) {
        ctx.replaceNode(node, { type: 'text', value: node.value });
      }
    },
  });
}
