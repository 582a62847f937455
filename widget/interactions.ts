/**
 * The chunk that loads on idle after the first render, or at the first pointer or focus on an
 * action: what a hover, a key or a click needs. `interactions()` sets it up on an element: the
 * reasons' popovers, the dialogs with their flows, and the styles they bring into its shadow root.
 */
import { adoptStyles } from 'lit';
import { dialogStyles } from './flows/dialog.styles.js';
import { Flows, type FlowsContext } from './flows/flows-controller.js';
import type { OrgDangerZone } from './org-danger-zone/org-danger-zone.js';
import { ReasonController } from './reason/reason-controller.js';
import { reasonStyles } from './reason/reason.styles.js';
import type { Catalogue } from './translations/catalogue.js';

export interface Interactions {
  flows: Flows;
  reasons: ReasonController;
}

export function interactions(host: OrgDangerZone, context: FlowsContext, catalogue: Catalogue): Interactions {
  adoptStyles(host.renderRoot as ShadowRoot, [...(host.constructor as typeof OrgDangerZone).elementStyles, reasonStyles, dialogStyles]);
  return { reasons: new ReasonController(host), flows: new Flows(host, context, catalogue) };
}
