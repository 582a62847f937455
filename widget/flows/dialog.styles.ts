import { css } from 'lit';

/** The dialogs' own rules, adopted into the element's shadow root when the flows chunk arrives. */
export const dialogStyles = css`
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
  .footer {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
  }
`;
