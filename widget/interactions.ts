/**
 * The chunk that loads right after the first render (or at the first click, if that failed): what
 * a hover, a key or a click needs. `interactions()` sets it up on an element: the reasons'
 * popovers, the dialogs with their flows, what each click in the zone does, and the styles they
 * bring into its shadow root.
 */
import { dialogStyles } from './flows/dialog.styles.js';
import { Flows, type FlowsContext } from './flows/flows-controller.js';
import { adoptLazyStyles } from './org-danger-zone/lazy-styles.js';
import type { OrgDangerZone } from './org-danger-zone/org-danger-zone.js';
import { ReasonController } from './reason/reason-controller.js';
import { reasonStyles } from './reason/reason.styles.js';
import type { Catalogue } from './translations/catalogue.js';

export interface Interactions {
  flows: Flows;
  reasons: ReasonController;
  /**
   * A click in the zone (the element listens for all of them): an action's button by its `id`,
   * a refused one showing its reason, an export link fetched with the token (a link cannot carry
   * it; without a token the link downloads by itself). Clicks inside a dialog are the dialog's own.
   */
  click(target: Element): void;
}

export function interactions(host: OrgDangerZone, context: FlowsContext, catalogue: Catalogue): Interactions {
  adoptLazyStyles(host, reasonStyles, dialogStyles);
  const reasons = new ReasonController(host);
  const flows = new Flows(host, context, catalogue);
  setTimeout(() => flows.prepare());
  return {
    reasons,
    flows,
    click(target) {
      const link = target.closest<HTMLAnchorElement>('a[download]');
      if (link) return host.getToken && flows.download(link.dataset['path']!);
      const button = target.closest<HTMLElement>('button[id]');
      if (!button || button.closest('dialog')) return;
      if (button.ariaDisabled === 'true') reasons.reveal(button);
      else flows.act(button);
    },
  };
}
