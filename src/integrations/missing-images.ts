/**
 * Markdown plugin: a local image that does not exist becomes its alt text and a build warning, not a failed build.
 * The warning travels as a marker in the HTML (found by the post-build check), because Astro skips
 * re-rendering unchanged files and a warning kept only in memory would vanish on the next build.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineMdastPlugin } from 'satteri';
import { MISSING_IMAGE_ATTR } from './link-check.ts';

const escapeAttr = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/|\/|#)/i;

export function missingImages() {
  return defineMdastPlugin({
    name: 'lantern-missing-images',
    image(node, ctx) {
      if (!ctx.fileURL || EXTERNAL.test(node.url)) return;
      const path = decodeURI(node.url.split(/[?#]/)[0]!);
      let target: URL;
      try {
        target = new URL(path, ctx.fileURL);
      } catch {
        target = ctx.fileURL;
      }
      if (target !== ctx.fileURL && existsSync(fileURLToPath(target))) return;
      ctx.replaceNode(node, {
        type: 'html',
        value: `<span class="missing-image" ${MISSING_IMAGE_ATTR}="${escapeAttr(node.url)}">${escapeAttr(node.alt ?? '')}</span>`,
      });
    },
  });
}
