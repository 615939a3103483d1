/** What `astro build` hands to `npm run build` for the summary it ends with: pages and warnings. */
import type { ContentWarning } from './content-warnings.ts';

/** Written beside the client folder (dist/), where the server does not serve it. */
export const BUILD_REPORT_FILE = 'build-report.json';

export interface BuildReport {
  articles: number;
  tutorials: number;
  warnings: ContentWarning[];
}
