/** What every dialog shares: the modal frame, its title, the server's error, Cancel and the confirm button. */
import { html, type TemplateResult } from 'lit';

export interface Frame {
  title: string;
  body: TemplateResult;
  confirm: { label: string; enabled: boolean };
  error: string;
  busy: boolean;
  closeLabel: string;
  /** The leave dialog starts on Cancel: leaving is one click away, so the safe choice comes first. */
  focusCancel: boolean;
  onSubmit: (event: Event) => void;
  onCancel: (event: Event) => void;
  onClose: () => void;
  close: () => void;
}

export function dialogFrame(f: Frame): TemplateResult {
  return html`<dialog part="dialog" aria-labelledby="dialog-title" @cancel=${f.onCancel} @close=${f.onClose}>
    <form @submit=${f.onSubmit} novalidate aria-busy=${f.busy ? 'true' : 'false'}>
      <h2 id="dialog-title">${f.title}</h2>
      ${f.body}
      <p part="error" class="error" role="alert">${f.error}</p>
      <div class="footer">
        <button type="button" ?autofocus=${f.focusCancel} @click=${() => !f.busy && f.close()}>${f.closeLabel}</button>
        <button type="submit" part="confirm-button" class="danger solid" aria-disabled=${f.confirm.enabled ? 'false' : 'true'}>
          ${f.confirm.label}
        </button>
      </div>
    </form>
  </dialog>`;
}
