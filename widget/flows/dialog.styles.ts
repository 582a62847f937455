import { css } from 'lit';

/**
 * The dialogs' own rules, adopted into the element's shadow root when the flows chunk arrives.
 * Sizes are in em of the element's font; long names wrap anywhere (inherited from `:host`), so a
 * 375 px screen shows the whole dialog, its buttons included.
 */
export const dialogStyles = css`
  :host {
    --_danger-fg: var(--odz-color-danger-text, light-dark(#fff, #0d1117));
  }
  dialog {
    width: min(34em, calc(100vw - 2em));
    max-height: calc(100vh - 2em);
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  h2 {
    margin: 0;
    font-size: 1.2em;
  }
  h3 {
    margin: 0 0 0.15em;
    font-size: 1em;
  }
  form {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
  }
  form > * {
    min-width: 0;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    margin: 0;
    padding: 0.5em 0.75em;
    display: grid;
    gap: 0.4em;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25em;
  }
  .check {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: flex-start;
  }
  label.check,
  .check label {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
  }
  input[type='checkbox'],
  input[type='radio'] {
    margin-block-start: 0.3em;
  }
  .preview {
    margin: 0.25em 0 0;
    display: grid;
    gap: 0.1em;
  }
  .preview div {
    display: flex;
    justify-content: space-between;
    gap: 1em;
  }
  .preview dt,
  .preview dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .field {
    display: grid;
    gap: 0.25em;
  }
  .field > label {
    font-weight: 600;
  }
  input[type='text'],
  input[type='password'],
  input[type='search'],
  input[type='date'],
  select,
  textarea {
    font: inherit;
    padding: 0.4em 0.5em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.5);
    background: var(--_bg);
    color: var(--_fg);
    width: 100%;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    outline-color: var(--_danger);
  }
  /* An error appears only after an action, when these rules have arrived with the dialogs. */
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .error:empty {
    display: none;
  }
  .field-error,
  .warning {
    color: var(--_danger);
  }
  .warning {
    font-weight: 600;
  }
  .exact-name {
    font-family: inherit;
    white-space: break-spaces;
    background: var(--_surface);
    border: 1px dashed var(--_border);
    border-radius: 0.25em;
    padding: 0.1em 0.4em;
  }
  /* A space of the name, marked with a dot that is only seen: read and copied, it is a space. */
  .sp {
    position: relative;
  }
  .sp::after {
    content: '·' / '';
    position: absolute;
    inset: 0;
    text-align: center;
    color: var(--_muted);
  }
  .choices {
    display: grid;
    gap: 0.25em;
    max-height: 16em;
    overflow-y: auto;
    padding: 0.1em;
  }
  .list {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  .count {
    font-variant-numeric: tabular-nums;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5em;
  }
  /* The final confirm only: solid danger, once everything is in place (until then it looks refused). */
  .solid:not([aria-disabled='true']) {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_danger-fg);
  }
`;
