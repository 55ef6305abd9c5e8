import type { CustomerRecord, SourceKind } from '../customer-record.js';
import type { DeviceFingerprint } from '../device-match.js';

/** What the relay's routes ask the customers room, one JSON body per request, tagged by `type`. */
export type StoreRequest =
  | { type: 'find'; customerId?: string; emailHash?: string; phoneHash?: string }
  | { type: 'match_device'; fingerprint: DeviceFingerprint }
  | { type: 'observe'; record: CustomerRecord; kind: SourceKind }
  | { type: 'link_device'; customerId: string; fingerprint: DeviceFingerprint }
  | { type: 'link_conversation'; customerId: string; conversationId: string }
  | { type: 'export'; customerId: string }
  | { type: 'erase'; customerId: string }
  | { type: 'verify_audit' };

/** The header that proves a request to the customers room came from this relay's own routes. */
export const INTERNAL_HEADER = 'x-relay-internal';
