/** The leave confirmation, and the only owner's hand-off to a successor. */
import { html, type TemplateResult } from 'lit';
import type { DangerZoneState } from '../state.js';
import type { Catalogue } from '../translations/catalogue.js';
import { dialogFrame, type Frame } from './dialog-frame.js';

type Common = Omit<Frame, 'title' | 'body' | 'confirm' | 'closeLabel' | 'focusCancel'>;

export function leaveDialog(c: Catalogue, state: DangerZoneState, common: Common): TemplateResult {
  const t = c.dialogs;
  return dialogFrame({
    ...common,
    title: t.leave.title(state.org.name),
    body: html`<p>${t.leave.body(state.org.name)}</p>`,
    confirm: { label: common.busy ? t.working : t.leave.confirm, enabled: !common.busy },
    closeLabel: t.close,
    focusCancel: true,
  });
}

export function handOffDialog(
  c: Catalogue,
  state: DangerZoneState,
  common: Common,
  successor: { value: string; choose: (userId: string) => void },
): TemplateResult {
  const t = c.dialogs;
  return dialogFrame({
    ...common,
    title: t.leave.handOffTitle(state.org.name),
    body: html`<p>${t.leave.handOffBody}</p>
      <label class="field">${t.leave.successorLabel}
        <select part="successor-select" required autofocus .value=${successor.value}
          @change=${(e: Event) => successor.choose((e.target as HTMLSelectElement).value)}>
          <option value="">${t.leave.successorPlaceholder}</option>
          ${state.successors.map(
            (s) => html`<option value=${s.userId} ?selected=${s.userId === successor.value}>${s.name} (${s.email}) · ${t.roles[s.role]}</option>`,
          )}
        </select>
      </label>`,
    confirm: { label: common.busy ? t.working : t.leave.handOffConfirm, enabled: successor.value !== '' && !common.busy },
    closeLabel: t.close,
    focusCancel: false,
  });
}
