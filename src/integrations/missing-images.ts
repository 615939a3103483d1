/** Markdown plugin: a local image that does not exist becomes its alt text and a build warning, not a failed build. */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineMdastPlugin } from 'satteri';
import { addContentWarning } from './content-warnings.ts';

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
      const file = relative(process.cwd(), fileURLToPath(ctx.fileURL));
      addContentWarning({ file, reference: node.url, problem: 'image not found' });
      ctx.replaceNode(node, { type: 'text', value: node.alt ? `[${node.alt}]` : '' });
    },
  });
}
