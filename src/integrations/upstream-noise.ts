/**
 * Bundler warnings a writer can do nothing about, kept out of the build's output so that the content warnings are
 * what the build ends with. Each filtered message is named here with the reason.
 */
import type { LogLevel, RollupLog } from 'rolldown';

/**
 * Astro compiles every MDX page with the module directive "use astro:head-inject" (how it places an MDX page's styles
 * in the head); the bundler warns, once per MDX file, that a module-level directive may not survive bundling. Astro
 * handles the directive itself before bundling, so the warning says nothing about the writer's page.
 */
const isHeadInjectDirective = (log: RollupLog) => log.code === 'MODULE_LEVEL_DIRECTIVE' && /astro:head-inject/.test(log.message);

export function quietUpstreamLogs(level: LogLevel, log: RollupLog, handler: (level: LogLevel, log: RollupLog) => void): void {
  if (level === 'warn' && isHeadInjectDirective(log)) return;
  handler(level, log);
}
