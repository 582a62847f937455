/**
 * Compile-time proof that the widget's zod-free shapes (`state.ts`) are the contract's: a field
 * added to `shared/schemas.ts` and not here fails the type check. Nothing here runs or ships.
 */
import type * as Contract from '../shared/schemas.js';
import type { DangerZoneState, DeletionIntent, DeletionPreview, DeletionRequest, ErrorDetail } from './state.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

export type Checks = [
  Holds<Same<DangerZoneState, Contract.DangerZoneState>>,
  Holds<Same<DeletionIntent, Contract.DeletionIntentResponse>>,
  Holds<Same<DeletionPreview, Contract.DeletionPreview>>,
  Holds<Same<Required<DeletionRequest>, Required<Contract.DeletionRequest>>>,
  // The widget reads any code (a newer server's too), so the contract's body fits in ours.
  Holds<Contract.ErrorBody['error'] extends ErrorDetail ? true : false>,
];
