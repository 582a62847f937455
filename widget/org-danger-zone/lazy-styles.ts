import { css, type CSSResult, type LitElement } from 'lit';

/**
 * What both lazy chunks' views need and the first render does not: a notice in the zone (what an
 * action left to say, or a rare state: no org, signed out, a legal hold; no answer at all is a row
 * of the zone, `zone-view.ts`), and borders inside set widths (fields, dialogs; the first render
 * sets none).
 */
const sharedStyles = css`
  * {
    box-sizing: border-box;
  }
  .notice {
    margin: var(--_space);
    padding: calc(var(--_space) * 0.75);
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    display: grid;
    gap: 0.5em;
    justify-items: start;
  }
`;

/**
 * Adds a lazy chunk's rules, and those above, to the element's shadow root beside those it has,
 * each once, as constructed style sheets: a host's Content-Security-Policy does not govern them as
 * it does `<style>` elements.
 */
export function adoptLazyStyles(host: LitElement, ...styles: CSSResult[]): void {
  const root = host.renderRoot as ShadowRoot;
  const sheets = [sharedStyles, ...styles].map((s) => s.styleSheet!).filter((sheet) => !root.adoptedStyleSheets.includes(sheet));
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
}
