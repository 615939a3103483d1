/// <reference types="astro/client" />
// Plain `tsc` does not read .astro files; describe them so .ts modules can import components.
declare module '*.astro' {
  const Component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default Component;
}

declare namespace App {
  interface Locals {
    /** Who asks, on dashboard and reports API routes (set by the middleware). */
    actor?: import('./server/access.ts').Actor;
  }
}
