/**
 * `org-danger-zone/svelte`: types `<org-danger-zone>` in Svelte 5 markup (svelte-check). Import it
 * once for its types, e.g. in `src/app.d.ts`: `import type {} from 'org-danger-zone/svelte';`.
 * Svelte sets `getToken={fn}` as a property (it is not an attribute) and `onodz-left={fn}` listens.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { OdzDeletionCancelledEvent, OdzDeletionScheduledEvent, OdzErrorEvent, OdzLeftEvent, OrgDangerZone } from './index.js';

export interface OrgDangerZoneSvelteAttributes extends HTMLAttributes<OrgDangerZone> {
  'org-id': string;
  'api-base'?: string;
  'heading-level'?: number | string;
  getToken?: OrgDangerZone['getToken'];
  'onodz-left'?: (event: OdzLeftEvent) => void;
  'onodz-deletion-scheduled'?: (event: OdzDeletionScheduledEvent) => void;
  'onodz-deletion-cancelled'?: (event: OdzDeletionCancelledEvent) => void;
  'onodz-error'?: (event: OdzErrorEvent) => void;
}

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'org-danger-zone': OrgDangerZoneSvelteAttributes;
  }
}
