import { css } from 'lit';

/**
 * Every colour, the radius, the spacing and the font come from `--odz-*` custom properties with
 * light and dark defaults (`light-dark()`, following the reader's colour scheme); a host that sets
 * a property wins in both. Layout uses logical properties only, so `dir="rtl"` mirrors it.
 */
export const styles = css`
  :host {
    color-scheme: light dark;
    --_bg: var(--odz-color-background, light-dark(#fff, #0d1117));
    --_surface: var(--odz-color-surface, light-dark(#f6f7f9, #161b22));
    --_fg: var(--odz-color-text, light-dark(#1b1f24, #e6edf3));
    --_muted: var(--odz-color-muted, light-dark(#59636e, #9198a1));
    --_border: var(--odz-color-border, light-dark(#d1d9e0, #3d444d));
    --_danger: var(--odz-color-danger, light-dark(#c4232d, #f85149));
    --_danger-fg: var(--odz-color-danger-text, light-dark(#fff, #0d1117));
    --_danger-soft: var(--odz-color-danger-soft, light-dark(#fff1f0, #2d1214));
    --_focus: var(--odz-color-focus, light-dark(#0969da, #4493f8));
    --_radius: var(--odz-radius, 8px);
    --_space: var(--odz-space, 16px);
    display: block;
    font-family: var(--odz-font-family, system-ui, sans-serif);
    font-size: var(--odz-font-size, 14px);
    line-height: 1.5;
    color: var(--_fg);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .zone {
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  h2 {
    font-size: 1.15em;
    margin: 0;
    padding: calc(var(--_space) * 0.75) var(--_space);
    border-block-end: 1px solid var(--_border);
  }
  h3 {
    font-size: 1em;
    margin: 0 0 2px;
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
    flex: 1 1 16rem;
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
    padding: 6px 14px;
    cursor: pointer;
  }
  button.danger {
    color: var(--_danger);
  }
  button.danger.solid {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_danger-fg);
  }
  [aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  a {
    color: var(--_focus);
  }
  .banner,
  .notice,
  .skeleton {
    margin: var(--_space);
    padding: calc(var(--_space) * 0.75);
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    display: grid;
    gap: 8px;
    justify-items: start;
  }
  .banner {
    background: var(--_danger-soft);
    border-color: var(--_danger);
  }
  .skeleton {
    height: 2.5em;
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .error:empty {
    display: none;
  }
  .list {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
