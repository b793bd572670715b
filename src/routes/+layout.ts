// Documents live in IndexedDB, so pages render in the browser only; the build is a static shell.
export const ssr = false;
export const prerender = false;
