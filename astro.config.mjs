// @ts-check
/** Astro configuration: prerendered help center + on-demand API, one Node process. */
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { satteri } from '@astrojs/markdown-satteri';
import { helpCenterBuild } from './src/integrations/help-center-build.ts';
import { placeholderTags } from './src/integrations/placeholder-tags.ts';
import { missingImages } from './src/integrations/missing-images.ts';
import { quietUpstreamLogs } from './src/integrations/upstream-noise.ts';
import { contentDir } from './src/content-model/content-dir.ts';
import { parseEnv } from './src/schemas/env.ts';

// A test or a content repository builds into its own folder so builds never share state.
const env = parseEnv();
const buildDir = env.KB_BUILD_DIR;

export default defineConfig({
  site: env.KB_SITE_URL,
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  outDir: buildDir ? `${buildDir}/dist` : './dist',
  cacheDir: buildDir ? `${buildDir}/cache` : './node_modules/.astro',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'always' },
  prefetch: false,
  // The events API takes text/plain (what sendBeacon sends, also from another origin) and uses no
  // cookies; the reports use a SameSite=Strict cookie or a bearer token, so Astro's origin check is off.
  security: { checkOrigin: false },
  devToolbar: { enabled: false },
  markdown: {
    processor: satteri({ mdastPlugins: [missingImages(), placeholderTags()] }),
  },
  integrations: [mdx(), helpCenterBuild()],
  vite: {
    resolve: { alias: { '@kb-content': contentDir() } },
    build: { rolldownOptions: { onLog: quietUpstreamLogs } },
  },
});
