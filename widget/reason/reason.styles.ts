import { css } from 'lit';

/**
 * A reason in the top layer: positioned by the controller (`left`/`top`, viewport pixels). Its
 * transparent border is the visual gap to the button and, because it is part of the popover, the
 * pointer crosses it without leaving either.
 */
export const reasonStyles = css`
  .reason {
    position: fixed;
    inset: auto;
    margin: 0;
    width: max-content;
    max-width: min(22em, calc(100vw - 16px));
    padding: 0.5em 0.7em;
    border: 6px solid transparent;
    background: var(--_fg) padding-box;
    color: var(--_bg);
    border-radius: calc(var(--_radius) * 0.75 + 6px);
    font-size: 0.93em;
    font-weight: 400;
    overflow: visible;
  }
  .reason ul {
    margin: 0;
    padding-inline-start: 1.2em;
  }
`;
