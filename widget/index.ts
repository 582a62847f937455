/**
 * The package's browser entry: registers `<org-danger-zone>` (once, even if two bundles load it)
 * and exports the element class, its events and its types.
 */
import { OrgDangerZone } from './org-danger-zone/org-danger-zone.js';

export { OrgDangerZone } from './org-danger-zone/org-danger-zone.js';
export * from './events/events.js';
export type { Catalogue } from './translations/index.js';
export type { DangerZoneState } from '../shared/schemas.js';

if (!customElements.get('org-danger-zone')) customElements.define('org-danger-zone', OrgDangerZone);

declare global {
  interface HTMLElementTagNameMap {
    'org-danger-zone': OrgDangerZone;
  }
}
