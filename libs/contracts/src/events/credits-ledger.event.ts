import { defineTopic } from './event-envelope.model';
import { isoDate, isoInstant, literal, number, object, optional, string } from './schema.util';

export interface CreditAccruedPayload {
  /** Ledger entry id: stable, so a recomputation replaces rather than adds. */
  entry: string;
  agreement: string;
  /** owed: we pay our customer; recovered: our vendor pays us (UC). */
  direction: 'owed' | 'recovered';
  periodFrom: string;
  periodTo: string;
  amount: number;
  currency: string;
  reason: string;
  objective?: string;
  incident?: string;
  at: string;
}

export interface ExitTriggerFiredPayload {
  agreement: string;
  trigger: string;
  /** How many qualifying breaches or incidents fired it. */
  count: number;
  at: string;
}

export interface CreditsLedgerPayloads {
  'credit.accrued': CreditAccruedPayload;
  'exit-trigger.fired': ExitTriggerFiredPayload;
}

export const CREDITS_LEDGER_TOPIC = defineTopic<CreditsLedgerPayloads>({
  name: 'credits.ledger.v1',
  partitions: 3,
  key: 'agreement id, so the ledger of one agreement stays in order',
  keyOf: (_type, payload) => payload.agreement,
  events: {
    'credit.accrued': {
      description: 'a service credit owed to a customer or recovered from a vendor, for one period',
      versions: {
        1: object({
          entry: string(),
          agreement: string(),
          direction: literal('owed', 'recovered'),
          periodFrom: isoDate(),
          periodTo: isoDate(),
          amount: number({ min: 0 }),
          currency: string({ pattern: /^[A-Z]{3}$/, patternName: 'an ISO-4217 currency code' }),
          reason: string(),
          objective: optional(string()),
          incident: optional(string()),
          at: isoInstant(),
        }),
      },
    },
    'exit-trigger.fired': {
      description: 'an exit trigger of an agreement fired: an executive escalation',
      versions: { 1: object({ agreement: string(), trigger: string(), count: number({ integer: true, min: 1 }), at: isoInstant() }) },
    },
  },
});
