import { css } from 'lit';

/**
 * Every colour, the radius, the spacing and the font come from `--odz-*` custom properties with
 * light and dark defaults (`light-dark()`); a host that sets a property wins in both. The colours
 * only a lazy view uses (text on the danger colour, the pending banner's) are defined with it,
 * and so are the notices' rules (`notice.styles.ts`): no notice shows before a lazy chunk has loaded.
 *
 * Embedding: the font is the host's (inherited) unless `--odz-font-family` / `--odz-font-size` say
 * otherwise, and every size is in `em` of the element's own font, so a host's root font size
 * (`html { font-size: 62.5% }`) changes nothing here. The colour scheme is the host's too: the
 * element inherits `color-scheme` (a page with `color-scheme: light dark` follows the reader's
 * preference; one with none, or `light`, stays light), so it never turns dark on a light page.
 * Layout uses logical properties only, so `dir="rtl"` mirrors it. Names wrap anywhere: an
 * organization called by 60 letters without a space still fits a 375 px screen.
 */
export const styles = css`
  :host {
    --_bg: var(--odz-color-background, light-dark(#fff, #0d1117));
    --_surface: var(--odz-color-surface, light-dark(#f6f7f9, #161b22));
    --_fg: var(--odz-color-text, light-dark(#1b1f24, #e6edf3));
    --_muted: var(--odz-color-muted, light-dark(#59636e, #9198a1));
    --_border: var(--odz-color-border, light-dark(#d1d9e0, #3d444d));
    --_danger: var(--odz-color-danger, light-dark(#c4232d, #f85149));
    --_focus: var(--odz-color-focus, light-dark(#0969da, #4493f8));
    --_radius: var(--odz-radius, 0.5em);
    --_space: var(--odz-space, 1em);
    display: block;
    font-family: var(--odz-font-family);
    font-size: var(--odz-font-size);
    line-height: 1.5;
    color: var(--_fg);
    overflow-wrap: anywhere;
  }
  :host([hidden]) {
    display: none;
  }
  .zone {
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .h {
    font-weight: 600;
  }
  .zone > .h {
    font-size: 1.15em;
    padding: calc(var(--_space) * 0.75) var(--_space);
    border-block-end: 1px solid var(--_border);
  }
  p {
    margin: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
    align-items: center;
    justify-content: space-between;
    padding: var(--_space);
  }
  .row + .row {
    border-block-start: 1px solid var(--_border);
  }
  .row > :first-child {
    flex: 1 1 16em;
  }
  .muted {
    color: var(--_muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }
  button {
    font: inherit;
    font-weight: 600;
    border-radius: calc(var(--_radius) * 0.75);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_fg);
    padding: 0.4em 1em;
    cursor: pointer;
  }
  .danger {
    color: var(--_danger);
    border-color: var(--_danger);
    background: none;
  }
  /* Faded by colour, not opacity: the focus ring keeps its full contrast. */
  [aria-disabled='true'] {
    color: var(--_muted);
    border: 1px dashed var(--_border);
    background: var(--_surface);
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  a {
    color: var(--_focus);
  }
  /* A row's title and description (two lines of 1.5em), in outline. */
  .skeleton::before {
    content: '';
    flex: 1;
    height: 3em;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    /* One line, or a screen reader may read the words run together. */
    white-space: nowrap;
  }
`;
