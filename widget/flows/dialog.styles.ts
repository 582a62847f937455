import { css } from 'lit';

/** The dialogs' own rules, adopted into the element's shadow root when the flows chunk arrives. */
export const dialogStyles = css`
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
    padding: 0.5em 0.75em;
    display: grid;
    gap: 0.4em;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25em;
  }
  label.check {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
  }
  label.field {
    display: grid;
    gap: 0.25em;
    font-weight: 600;
  }
  input[type='text'],
  input[type='password'],
  select {
    font: inherit;
    font-weight: 400;
    padding: 0.4em 0.5em;
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
    border-radius: 0.25em;
    padding: 0.1em 0.4em;
    unicode-bidi: isolate;
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
