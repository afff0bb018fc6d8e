import type { Catalog } from '@underpin/domain';
import { defineTopic } from './event-envelope.model';
import { type Schema, array, boolean, isoDate, isoInstant, literal, number, object, optional, string } from './schema.util';

/**
 * The whole validated catalogue, as ola-chaining published it. Services keep the latest one
 * as their replica: every calculation needs calendars, agreements and objectives together,
 * so shipping the whole model keeps a replica consistent without joining partial events.
 */
export interface CatalogPublishedPayload {
  /** Content hash of the catalogue model: equal catalogues have equal revisions. */
  revision: string;
  catalog: Catalog;
  /** Files the catalogue was loaded from, for people reading the history. */
  source?: string[];
  at: string;
}

export interface AgreementPublishedPayload {
  agreement: string;
  kind: 'SLA' | 'OLA' | 'UC';
  /** Content hash of the agreement version, so consumers can tell versions apart. */
  revision: string;
  effectiveFrom?: string;
  effectiveTo?: string;
  /** The catalogue revision that brought this agreement version. */
  catalogRevision?: string;
  at: string;
}

export interface AgreementRetiredPayload {
  agreement: string;
  revision: string;
  /** The catalogue revision without this agreement. */
  catalogRevision?: string;
  at: string;
}

export interface CatalogChangePayloads {
  'catalog.published': CatalogPublishedPayload;
  'agreement.published': AgreementPublishedPayload;
  'agreement.retired': AgreementRetiredPayload;
}

/** Key of every `catalog.published`: one partition, so catalogue versions arrive in order. */
export const CATALOG_KEY = 'catalog';

const id = () => string({ maxLength: 200 });
const ratio = () => number({ min: 0, max: 1 });
const weeklyInterval = object({ day: number({ integer: true, min: 0, max: 6 }), startMinute: number({ min: 0, max: 1440 }), endMinute: number({ min: 0, max: 1440 }) });
const anyObject = object({});

const objective = object({
  id: id(),
  metric: string({ pattern: /^[a-z][a-z0-9_]*$/, patternName: 'a metric name' }),
  target: object({ unit: literal('seconds', 'ratio', 'milliseconds', 'score'), value: number() }),
  direction: literal('atLeast', 'atMost'),
  priority: optional(literal('P1', 'P2', 'P3', 'P4')),
  calendar: optional(id()),
  pauseOn: array(string()),
  warnAt: array(ratio()),
  perRegion: boolean(),
  window: literal('month', 'quarter'),
  excludeMaintenance: array(id()),
  underpinnedBy: array(object({ agreement: id(), objective: id() })),
  lossAbove: optional(ratio()),
});

const agreement = object({
  id: id(),
  kind: literal('SLA', 'OLA', 'UC'),
  provider: id(),
  consumer: id(),
  service: optional(id()),
  serviceClass: optional(string()),
  effective: object({ from: optional(isoDate()), to: optional(isoDate()) }),
  window: literal('month', 'quarter'),
  timezone: string(),
  fee: optional(object({ monthly: number({ min: 0 }), currency: string() })),
  activeUsers: anyObject,
  priorityMatrix: anyObject,
  objectives: array(objective),
  credits: optional(object({ cap: optional(ratio()), rules: array(anyObject) })),
  exitTriggers: array(object({ id: id(), kind: literal('breached-periods', 'incidents-beyond') })),
});

/**
 * The model's structure down to what replicas index by (ids, kinds, targets, references).
 * Deeper parts (credit tiers, priority matrices) are the loader's output and are trusted.
 */
const catalogSchema = object({
  apiVersion: literal('underpin/v1'),
  parties: array(object({ id: id(), kind: literal('customer', 'team', 'vendor'), name: optional(string()) })),
  calendars: array(object({ id: id(), timezone: string(), weekly: array(weeklyInterval), holidays: array(isoDate()) })),
  maintenance: array(
    object({ id: id(), timezone: string(), weekly: array(weeklyInterval), oneOff: array(object({ from: number(), to: number() })) }),
  ),
  services: array(object({ id: id(), name: optional(string()), regions: array(string()), dependsOn: array(string()) })),
  agreements: array(agreement),
}) as unknown as Schema<Catalog>;

export const CATALOG_CHANGES_TOPIC = defineTopic<CatalogChangePayloads>({
  name: 'catalog.changes.v1',
  partitions: 3,
  key: `"${CATALOG_KEY}" for catalog.published, so catalogue versions stay in order; the agreement id for agreement.*`,
  keyOf: (type, payload) => (type === 'catalog.published' ? CATALOG_KEY : (payload as AgreementPublishedPayload | AgreementRetiredPayload).agreement),
  events: {
    'catalog.published': {
      description: 'a new version of the whole catalogue: the latest one is the catalogue in force',
      versions: {
        1: object({
          revision: string({ maxLength: 200 }),
          catalog: catalogSchema,
          source: optional(array(string())),
          at: isoInstant(),
        }),
      },
    },
    'agreement.published': {
      description: 'a new version of an agreement is in the catalogue (audit trail; the catalogue itself travels in catalog.published)',
      versions: {
        1: object({
          agreement: string(),
          kind: literal('SLA', 'OLA', 'UC'),
          revision: string(),
          effectiveFrom: optional(isoDate()),
          effectiveTo: optional(isoDate()),
          catalogRevision: optional(string()),
          at: isoInstant(),
        }),
      },
    },
    'agreement.retired': {
      description: 'an agreement left the catalogue',
      versions: { 1: object({ agreement: string(), revision: string(), catalogRevision: optional(string()), at: isoInstant() }) },
    },
  },
});
