/**
 * An exported article's HTML as clean Markdown, or MDX when it holds a callout: rehype-parse → rehype-remark →
 * remark-gfm → remark-stringify, with small steps of our own for callouts, code languages, embeds, links and images.
 */
import type { Nodes as MdastNodes, Root as MdastRoot } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify';
import { unified } from 'unified';
import { CALLOUT_TAG, prepareHtml } from './prepare-html.ts';

export interface ConvertOptions {
  /** The address a link should have in the new help center (an article's new page, an absolute URL…). */
  link?: (href: string) => string;
  /** The address an image should have; it may also note the image for the import's summary. */
  image?: (src: string) => string;
}

export interface Converted {
  markdown: string;
  /** It holds a `<Callout>`, so it must be an .mdx file. */
  mdx: boolean;
}

const blank = (n: MdastNodes) =>
  n.type === 'paragraph' && n.children.every((c) => c.type === 'text' && !c.value.replace(/\u00a0/g, ' ').trim());

/**
 * Rewrites links and images, drops paragraphs of blank space (`<p>&nbsp;</p>`) and keeps lists tight when each item
 * is one paragraph (`<li><p>…</p></li>`, as Intercom writes every item); says whether a callout is left.
 */
function tidy(node: MdastNodes, options: ConvertOptions): boolean {
  let mdx = node.type === 'mdxJsxFlowElement';
  if (node.type === 'link' && options.link) node.url = options.link(node.url);
  if (node.type === 'image' && options.image) node.url = options.image(node.url);
  if ('children' in node) {
    (node.children as MdastNodes[]) = (node.children as MdastNodes[]).filter((c) => !blank(c));
    for (const child of node.children as MdastNodes[]) mdx = tidy(child, options) || mdx;
  }
  if (node.type === 'listItem' && node.children.length <= 1) node.spread = false;
  if (node.type === 'list') node.spread = node.children.some((item) => item.spread);
  return mdx;
}

const toMdast = unified()
  .use(rehypeParse, { fragment: true })
  .use(rehypeRemark, {
    handlers: {
      [CALLOUT_TAG]: (state, element) => {
        // A table cell holds one line: the callout's text stays, its box cannot.
        if (state.inTable) return state.all(element);
        const type = String(element.properties.calloutType);
        return {
          type: 'mdxJsxFlowElement',
          name: 'Callout',
          attributes: [{ type: 'mdxJsxAttribute', name: 'type', value: type }],
          children: state.toFlow(state.all(element)),
        };
      },
    },
    // Comments are the editor's, not the reader's, and MDX has no syntax for them.
    nodeHandlers: { comment: () => undefined },
  })
  .use(remarkGfm);

const STYLE: StringifyOptions = {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  fences: true,
  rule: '-',
  listItemIndent: 'one',
  resourceLink: true,
};

const toMarkdown = unified().use(remarkGfm).use(remarkStringify, STYLE).freeze();
// In MDX, a line starting "import " or "export " is JavaScript: its first letter is written as a character reference.
const toMdx = unified()
  .use(remarkGfm)
  .use(remarkMdx)
  .use(remarkStringify, {
    ...STYLE,
    unsafe: [
      { atBreak: true, character: 'i', after: 'mport\\b' },
      { atBreak: true, character: 'e', after: 'xport\\b' },
    ],
  })
  .freeze();

export function htmlToMarkdown(html: string, options: ConvertOptions = {}): Converted {
  const hast = toMdast.parse(html);
  prepareHtml(hast);
  const mdast = toMdast.runSync(hast) as MdastRoot;
  const mdx = tidy(mdast, options);
  const markdown = (mdx ? toMdx : toMarkdown).stringify(mdast);
  return { markdown: markdown.trim() ? markdown : '', mdx };
}
