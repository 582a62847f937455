/**
 * The package's entry for bundlers (`import 'org-danger-zone'`): registers `<org-danger-zone>`
 * (once, even if two bundles load it) and exports the element class, its events and its types.
 * Lit is imported, so an app that already ships Lit ships it once.
 */
import { OrgDangerZone } from './org-danger-zone/org-danger-zone.js';

export { OrgDangerZone } from './org-danger-zone/org-danger-zone.js';
export * from './events/index.js';
export type { Catalogue, CatalogueSource, ClientCode, DialogStrings, Message, RareStrings, ZoneStrings } from './translations/catalogue.js';
export type * from './state.js';

// Lit's server build (what a bundler picks for SSR) provides its own registry there; a page without
// one (a Node script importing this by accident) gets nothing registered.
if (typeof customElements !== 'undefined' && !customElements.get('org-danger-zone')) customElements.define('org-danger-zone', OrgDangerZone);

declare global {
  interface HTMLElementTagNameMap {
    'org-danger-zone': OrgDangerZone;
  }
}
