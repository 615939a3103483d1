/// <reference types="astro/client" />
// Plain `tsc` does not read .astro files; describe them so .ts modules can import components.
declare module '*.astro' {
  const Component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default Component;
}
