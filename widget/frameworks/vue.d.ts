/**
 * `org-danger-zone/vue`: types `<org-danger-zone>` in Vue templates (vue-tsc, Volar). Import it once
 * for its types, e.g. in `env.d.ts`: `import type {} from 'org-danger-zone/vue';`. Vue still needs
 * to be told it is a custom element: `compilerOptions.isCustomElement: (tag) => tag === 'org-danger-zone'`.
 */
import type { DefineComponent } from 'vue';
import type { OdzDeletionCancelledEvent, OdzDeletionScheduledEvent, OdzErrorEvent, OdzLeftEvent, OrgDangerZone } from './index.js';

/** Vue checks a template's `org-id="…"` and `:org-id="…"` against these camel-cased names. */
export interface OrgDangerZoneVueProps {
  /** The organization (`org-id`). */
  orgId: string;
  /** Where the BFF's API is mounted (`api-base`), default `/api`. */
  apiBase?: string;
  /** A BCP 47 tag; else the document's. */
  lang?: string;
  /** The zone's heading level (`heading-level`), default 2. */
  headingLevel?: number | string;
  /** A bearer token source: bind it as a property, `:getToken.prop="fn"`. */
  getToken?: OrgDangerZone['getToken'];
  onOdzLeft?: (event: OdzLeftEvent) => void;
  onOdzDeletionScheduled?: (event: OdzDeletionScheduledEvent) => void;
  onOdzDeletionCancelled?: (event: OdzDeletionCancelledEvent) => void;
  onOdzError?: (event: OdzErrorEvent) => void;
}

declare module 'vue' {
  interface GlobalComponents {
    'org-danger-zone': DefineComponent<OrgDangerZoneVueProps>;
  }
}
