/**
 * The HTML steps of our own before rehype-remark: callouts marked for the <Callout> handler, code languages where
 * rehype-remark reads them, header rows for tables written without one, embeds kept as links, images unwrapped.
 */
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import { calloutType } from './callout-type.ts';

// A callout is renamed to this element before conversion, so one handler turns it into a <Callout>.
export const CALLOUT_TAG = 'lantern-callout';

const classList = (el: Element): string[] => (Array.isArray(el.properties.className) ? el.properties.className.map(String) : []);
const text = (value: string): ElementContent => ({ type: 'text', value });

/** `language-js` or `lang-js` on the <pre> or its <code>, or a data-language attribute (some editors write that). */
function codeLanguage(pre: Element, code: Element | undefined): string | undefined {
  for (const el of [code, pre]) {
    if (!el) continue;
    const named = classList(el).find((c) => /^(language|lang)-./.test(c));
    if (named) return named.replace(/^(language|lang)-/, '');
    if (typeof el.properties.dataLanguage === 'string' && el.properties.dataLanguage) return el.properties.dataLanguage;
  }
  return undefined;
}

const elements = (node: Element, tagName: string) =>
  node.children.filter((c): c is Element => c.type === 'element' && c.tagName === tagName);

/**
 * A Markdown table needs a header row. Editors often write none (`<tbody><tr><td>…` only, the first row in bold):
 * that first row becomes the header, where rehype-remark would add an empty one.
 */
function promoteHeader(table: Element): void {
  const first = [...elements(table, 'thead'), ...elements(table, 'tbody'), table].flatMap((part) => elements(part, 'tr'))[0];
  if (first && elements(first, 'th').length === 0) for (const cell of elements(first, 'td')) cell.tagName = 'th';
}

/** Rewrites the tree in place: marks callouts, puts code languages where rehype-remark reads them, keeps embeds as links. */
export function prepareHtml(node: HastRoot | Element): void {
  node.children = node.children.map((child): HastContent => {
    if (child.type !== 'element') return child;
    const callout = calloutType(child);
    if (callout) {
      const marked: Element = { ...child, tagName: CALLOUT_TAG, properties: { calloutType: callout } };
      prepareHtml(marked);
      return marked;
    }
    if (child.tagName === 'table') promoteHeader(child);
    if (child.tagName === 'pre') {
      const code = elements(child, 'code')[0];
      const lang = codeLanguage(child, code);
      if (lang) {
        const inner: Element = code ?? { type: 'element', tagName: 'code', properties: {}, children: child.children };
        return { ...child, children: [{ ...inner, properties: { className: [`language-${lang}`] } }] };
      }
      return child;
    }
    // A video or form embed has nothing Markdown can show: a link to it keeps it one click away.
    if (child.tagName === 'iframe' && typeof child.properties.src === 'string') {
      const title = typeof child.properties.title === 'string' && child.properties.title ? child.properties.title : child.properties.src;
      return { type: 'element', tagName: 'a', properties: { href: child.properties.src }, children: [text(title)] };
    }
    // Intercom links every image to its own file: the image alone says the same.
    const only = child.tagName === 'a' ? child.children.filter((c) => !(c.type === 'text' && !c.value.trim())) : [];
    if (
      only.length === 1 &&
      only[0]!.type === 'element' &&
      only[0]!.tagName === 'img' &&
      only[0]!.properties.src === child.properties.href
    ) {
      return only[0]!;
    }
    prepareHtml(child);
    return child;
  });
}
