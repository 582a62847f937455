/**
 * The complete facts the policy decides on: what the database holds (load.ts), the deployment's
 * switch (`DELETION_DISABLED`), and what the host application says about the org through its
 * `hostFacts` hook (its clusters, unpaid invoices…). The state, every write and the management API
 * complete their facts here, so all of them decide the same way.
 */
import type { HostNotice, OrgFacts } from '../../shared/policy.js';
import { hostCode } from '../../shared/schemas.js';
import type { Db } from '../db/database.js';
import type { OrgRecord, StoredFacts } from './load.js';

/** A blocker or warning as the host states it; `count` is shown beside the message. */
export interface HostFact {
  /** The host's own code, namespaced: `billing.unpaid_invoice`, `acme:active_clusters` (at most 64 characters). */
  code: string;
  /** What the widget shows (the host's language); the widget has no catalogue entry for it. */
  message: string;
  count?: number;
}

export interface HostFacts {
  blockers?: HostFact[];
  warnings?: HostFact[];
}

/**
 * The host's hook: called for an org whenever a decision about deleting it is made (the state,
 * the intent, the confirmation, the management API), never inside our write transaction. `db` is
 * a read-only handle on the danger zone's database (the reader), for hosts whose data lives there.
 */
export type HostFactsHook = (org: Readonly<OrgRecord>, db: Db) => Promise<HostFacts> | HostFacts;

export interface FactSources {
  deletionDisabled: boolean;
  hostFacts?: HostFactsHook | undefined;
  reader: { db: Db };
}

export interface ExtraFacts {
  deletionDisabled: boolean;
  hostBlockers: HostNotice[];
  hostWarnings: HostNotice[];
}

const noHostFacts = { hostBlockers: [], hostWarnings: [] };

/**
 * For the decisions that depend on stored facts alone (leave, hand-off, cancel, roles): the
 * deployment's switch and the host's blockers only ever stop a deletion from being scheduled.
 */
export const storedFactsOnly: ExtraFacts = { deletionDisabled: false, ...noHostFacts };

/** The deployment's and the host's facts about an org; synchronous when there is no hook. */
export function extraFacts(sources: FactSources, org: OrgRecord): ExtraFacts | Promise<ExtraFacts> {
  if (!sources.hostFacts) return { deletionDisabled: sources.deletionDisabled, ...noHostFacts };
  return Promise.resolve(sources.hostFacts(org, sources.reader.db)).then((facts) => ({
    deletionDisabled: sources.deletionDisabled,
    hostBlockers: (facts.blockers ?? []).map(toNotice),
    hostWarnings: (facts.warnings ?? []).map(toNotice),
  }));
}

export function completeFacts(stored: StoredFacts, extra: ExtraFacts): OrgFacts {
  return { ...stored, ...extra };
}

function toNotice(fact: HostFact): HostNotice {
  if (!hostCode.safeParse(fact.code).success) {
    throw new Error(
      `hostFacts returned an invalid code ${JSON.stringify(fact.code)}: namespace it like "billing.unpaid_invoice" (lowercase letters, digits, _ . : -; at most 64).`,
    );
  }
  const notice: HostNotice = { code: fact.code, message: fact.message, host: true };
  if (fact.count !== undefined) notice.params = { count: fact.count };
  return notice;
}
