import { css } from 'lit';

/**
 * Every colour, the radius, the spacing and the font come from `--odz-*` custom properties with
 * light defaults, and dark defaults under `prefers-color-scheme: dark`; a host that sets a
 * property wins in both. Layout uses logical properties only, so `dir="rtl"` mirrors it.
 */
export const styles = css`
  :host {
    --_bg: var(--odz-color-background, #ffffff);
    --_surface: var(--odz-color-surface, #f6f7f9);
    --_fg: var(--odz-color-text, #1b1f24);
    --_muted: var(--odz-color-muted, #59636e);
    --_border: var(--odz-color-border, #d1d9e0);
    --_danger: var(--odz-color-danger, #c4232d);
    --_danger-fg: var(--odz-color-danger-text, #ffffff);
    --_danger-soft: var(--odz-color-danger-soft, #fff1f0);
    --_focus: var(--odz-color-focus, #0969da);
    --_radius: var(--odz-radius, 8px);
    --_space: var(--odz-space, 16px);
    display: block;
    font-family: var(--odz-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--odz-font-size, 14px);
    line-height: 1.5;
    color: var(--_fg);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--odz-color-background, #0d1117);
      --_surface: var(--odz-color-surface, #161b22);
      --_fg: var(--odz-color-text, #e6edf3);
      --_muted: var(--odz-color-muted, #9198a1);
      --_border: var(--odz-color-border, #3d444d);
      --_danger: var(--odz-color-danger, #f85149);
      --_danger-fg: var(--odz-color-danger-text, #0d1117);
      --_danger-soft: var(--odz-color-danger-soft, #2d1214);
      --_focus: var(--odz-color-focus, #4493f8);
    }
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
    overflow: visible;
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
  .row > div:first-child {
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
  button,
  .button {
    font: inherit;
    font-weight: 600;
    border-radius: calc(var(--_radius) * 0.75);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_fg);
    padding: 6px 14px;
    cursor: pointer;
    text-decoration: none;
    display: inline-block;
  }
  button.danger {
    color: var(--_danger);
  }
  button.danger.solid {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_danger-fg);
  }
  button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button:focus-visible,
  a:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  a {
    color: var(--_focus);
  }
  .soft {
    position: relative;
    display: inline-block;
  }
  .tooltip {
    position: absolute;
    inset-block-start: calc(100% + 6px);
    inset-inline-end: 0;
    z-index: 10;
    width: max-content;
    max-width: min(22rem, 80vw);
    padding: 8px 10px;
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_fg);
    color: var(--_bg);
    font-size: 0.93em;
    font-weight: 400;
  }
  .tooltip[hidden] {
    display: none;
  }
  .tooltip ul,
  .list {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  .banner {
    margin: var(--_space);
    padding: calc(var(--_space) * 0.75);
    border-radius: var(--_radius);
    background: var(--_danger-soft);
    border: 1px solid var(--_danger);
    display: grid;
    gap: 8px;
  }
  .notice {
    margin: var(--_space);
    padding: calc(var(--_space) * 0.75);
    border-radius: var(--_radius);
    background: var(--_surface);
    border: 1px solid var(--_border);
    display: grid;
    gap: 8px;
    justify-items: start;
  }
  .skeleton {
    height: 2.5em;
    margin: var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  dialog {
    width: min(34rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  dialog h2 {
    padding: 0;
    border: 0;
    font-size: 1.2em;
  }
  form {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    margin: 0;
    padding: 8px 12px;
    display: grid;
    gap: 6px;
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
  label.check {
    display: flex;
    gap: 8px;
    align-items: flex-start;
  }
  label.field {
    display: grid;
    gap: 4px;
    font-weight: 600;
  }
  input[type='text'],
  input[type='password'],
  select {
    font: inherit;
    font-weight: 400;
    padding: 6px 8px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.5);
    background: var(--_bg);
    color: var(--_fg);
    width: 100%;
  }
  .exact-name {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    background: var(--_surface);
    border: 1px dashed var(--_border);
    border-radius: 4px;
    padding: 2px 6px;
    unicode-bidi: isolate;
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .error:empty {
    display: none;
  }
  .footer {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  bdi {
    unicode-bidi: isolate;
  }
`;
