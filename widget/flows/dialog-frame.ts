/**
 * What every dialog shares: the modal frame, its heading, the server's error, Cancel and the
 * confirm button. The body is the dialog's own, and names the element that describes the dialog
 * (`id="dialog-intro"`, its first paragraph: what confirming does).
 */
import { html, nothing, type TemplateResult } from 'lit';

export interface Frame {
  title: unknown;
  body: TemplateResult;
  confirm: { label: unknown; enabled: boolean };
  error: string;
  busy: boolean;
  closeLabel: string;
  /**
   * Where focus lands when it opens: the heading, so a person reads what the dialog says from the
   * top (and a zoomed page opens scrolled to the top), or Cancel, when confirming is one step away
   * and the safe choice should come first.
   */
  start: 'heading' | 'close';
  onSubmit: (event: Event) => void;
  onCancel: (event: Event) => void;
  onClose: () => void;
  close: () => void;
  /** Under the error: a way on after it (the delete dialog's "Try again"). */
  recover?: TemplateResult | typeof nothing;
}

/** Escape is this dialog's: it closes it (or is ignored while a request is in flight) and goes no further, not to a host's handlers. */
const ownEscape = (event: KeyboardEvent) => {
  if (event.key === 'Escape') event.stopPropagation();
};

export function dialogFrame(f: Frame): TemplateResult {
  return html`<dialog part="dialog" aria-labelledby="dialog-title" aria-describedby="dialog-intro" @keydown=${ownEscape} @cancel=${f.onCancel} @close=${f.onClose}>
    <form @submit=${f.onSubmit} novalidate aria-busy=${f.busy ? 'true' : 'false'}>
      <h2 id="dialog-title" part="heading" tabindex="-1" ?autofocus=${f.start === 'heading'}>${f.title}</h2>
      ${f.body}
      <p part="error" class="error" role="alert">${f.error}</p>
      ${f.recover ?? nothing}
      <div class="footer">
        <button type="button" part="close-button" ?autofocus=${f.start === 'close'} @click=${() => !f.busy && f.close()}>${f.closeLabel}</button>
        <button type="submit" part="confirm-button" class="danger solid" aria-disabled=${f.confirm.enabled ? 'false' : 'true'}>${f.confirm.label}</button>
      </div>
    </form>
  </dialog>`;
}
