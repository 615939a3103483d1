/** The system Chromium the browser tests, the browser benchmarks and Lighthouse drive (Debian's `chromium` package). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
