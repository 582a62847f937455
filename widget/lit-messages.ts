/**
 * A build step for the widget's first chunk, which has a size budget (Lit included): Lit's
 * production build keeps two long messages for misuses of its `css` tag (a value interpolated that
 * is not a `css` result; a `CSSResult` constructed by hand), which this package never commits (its
 * styles are literals). Shorter ones say the same to whoever meets them, for 130 bytes less gzip.
 * The build fails if Lit's text has changed, so nothing is left unreplaced silently.
 */
import type { Plugin } from 'vite';

const messages: [string, string][] = [
  ['"CSSResult is not constructable. Use `unsafeCSS` or `css` instead."', '"Use css or unsafeCSS"'],
  [
    "\"Value passed to 'css' function must be a 'css' function result: \"+t+\". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.\"",
    '"css: not a css result: "+t',
  ],
];

export function shortLitMessages(): Plugin {
  return {
    name: 'odz-short-lit-messages',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]@lit[\\/]reactive-element[\\/]css-tag\.js$/.test(id)) return null;
      let out = code;
      for (const [long, short] of messages) {
        if (!out.includes(long)) throw new Error(`${id}: Lit's message changed; update widget/lit-messages.ts: ${long}`);
        out = out.replace(long, short);
      }
      return { code: out, map: null };
    },
  };
}
