/** Vite's `?inline` import: a stylesheet's text, to put inside a shadow root. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
