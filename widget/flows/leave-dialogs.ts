/**
 * The leave confirmation, and the only owner's hand-off to a successor. The hand-off picks from
 * every member (hundreds, say) through a search field over a list of radio buttons, each with the
 * member's whole name, email and role, wrapped rather than cut off.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { named } from '../localization/formatting.js';
import type { DangerZoneState } from '../state.js';
import type { Catalogue } from '../translations/catalogue.js';
import { dialogFrame, type Frame } from './dialog-frame.js';

type Common = Omit<Frame, 'title' | 'body' | 'confirm' | 'closeLabel' | 'start'>;

export function leaveDialog(c: Catalogue, state: DangerZoneState, common: Common): TemplateResult {
  const t = c.dialogs;
  return dialogFrame({
    ...common,
    title: named(t.leave.title, state.org.name),
    body: html`<p id="dialog-intro">${named(t.leave.body, state.org.name)}</p>`,
    confirm: { label: common.busy ? t.working : t.leave.confirm, enabled: !common.busy },
    closeLabel: t.close,
    start: 'close',
  });
}

export interface SuccessorPicker {
  value: string;
  query: string;
  choose: (userId: string) => void;
  search: (query: string) => void;
}

/** Case- and accent-insensitive, on the name and the email. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

export function handOffDialog(c: Catalogue, state: DangerZoneState, common: Common, picker: SuccessorPicker): TemplateResult {
  const t = c.dialogs;
  return dialogFrame({
    ...common,
    title: named(t.leave.handOffTitle, state.org.name),
    body: html`<p id="dialog-intro">${t.leave.handOffBody}</p>
      ${memberPicker(c, state.successors, picker)}`,
    confirm: { label: common.busy ? t.working : t.leave.handOffConfirm, enabled: picker.value !== '' && !common.busy },
    closeLabel: t.close,
    start: 'heading',
  });
}

/**
 * Ownership with consent (issue 21): the member to offer it to (not an owner yet), and whether the
 * viewer leaves once they accept. Nothing changes until they do.
 */
export function offerDialog(
  c: Catalogue,
  state: DangerZoneState,
  common: Common,
  picker: SuccessorPicker & { leaveAfter: boolean; toggleLeave: (on: boolean) => void },
): TemplateResult {
  const t = c.dialogs;
  const candidates = state.successors.filter((s) => s.role !== 'owner');
  return dialogFrame({
    ...common,
    title: named(t.ownership.dialogTitle, state.org.name),
    body: html`<p id="dialog-intro">${t.ownership.dialogBody}</p>
      ${memberPicker(c, candidates, picker)}
      <label class="check" part="leave-after">
        <input type="checkbox" .checked=${picker.leaveAfter} @change=${(e: Event) => picker.toggleLeave((e.target as HTMLInputElement).checked)} />
        <span>${t.ownership.leaveAfter}</span>
      </label>`,
    confirm: { label: common.busy ? t.working : t.ownership.confirm, enabled: picker.value !== '' && !common.busy },
    closeLabel: t.close,
    start: 'heading',
  });
}

/** A search over the members, each a radio with their whole name, email and role, wrapped rather than cut off. */
function memberPicker(c: Catalogue, members: DangerZoneState['successors'], picker: SuccessorPicker): TemplateResult {
  const t = c.dialogs;
  const query = fold(picker.query.trim());
  const shown = members.filter((s) => !query || fold(`${s.name} ${s.email}`).includes(query) || s.userId === picker.value);
  return html`<fieldset part="successor-select" class="successors">
        <legend>${t.leave.successorLabel}</legend>
        <input type="search" part="successor-search" aria-label=${t.leave.successorSearch} placeholder=${t.leave.successorSearch}
          aria-controls="successor-list" .value=${picker.query} @input=${(e: Event) => picker.search((e.target as HTMLInputElement).value)} />
        <div id="successor-list" class="choices" part="successor-list">
          ${shown.map(
            (s) => html`<label class="check">
              <input type="radio" name="successor" .value=${s.userId} .checked=${s.userId === picker.value} @change=${() => picker.choose(s.userId)} />
              <span><bdi>${s.name}</bdi> · <bdi>${s.email}</bdi> · ${t.roles[s.role]}</span>
            </label>`,
          )}
          ${shown.length === 0 ? html`<p class="muted" role="status">${t.leave.successorNone}</p>` : nothing}
        </div>
      </fieldset>`;
}
