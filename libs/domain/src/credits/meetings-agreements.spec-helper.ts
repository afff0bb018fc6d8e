import type { AgreementSpec } from '../catalog/catalog.model';
import { DEFAULT_PRIORITY_MATRIX } from '../catalog/catalog.model';
import { objective } from '../periods/objective-builder.spec-helper';

const ratio = (value: number) => ({ unit: 'ratio' as const, value });
const seconds = (value: number) => ({ unit: 'seconds' as const, value });

/** sla-acme-video from examples/meetings/catalog.yaml, as the loader gives it. */
export function acmeSla(): AgreementSpec {
  return {
    id: 'sla-acme-video',
    kind: 'SLA',
    provider: 'it',
    consumer: 'acme',
    service: 'video-meetings',
    serviceClass: 'premium',
    effective: { from: '2026-01-01' },
    window: 'quarter',
    timezone: 'UTC',
    fee: { monthly: 120_000, currency: 'SEK' },
    activeUsers: { 'eu-north': 800, 'eu-west': 150, 'na-east': 50 },
    priorityMatrix: DEFAULT_PRIORITY_MATRIX,
    objectives: [
      objective({ id: 'availability', metric: 'availability', target: ratio(0.9995), direction: 'atLeast', window: 'quarter', calendar: 'always', excludeMaintenance: ['thu-evening'] }),
      objective({ id: 'p1-response', metric: 'response_time', priority: 'P1', target: seconds(900), direction: 'atMost', perRegion: false, window: 'quarter' }),
      objective({ id: 'p1-resolution', metric: 'resolution_time', priority: 'P1', target: seconds(4 * 3600), direction: 'atMost', perRegion: false, window: 'quarter' }),
      objective({ id: 'latency', metric: 'latency_p95', target: { unit: 'milliseconds', value: 250 }, direction: 'atMost', window: 'quarter' }),
      objective({ id: 'packet-loss', metric: 'lossy_interval_ratio', lossAbove: 0.02, target: ratio(0.005), direction: 'atMost', window: 'month' }),
    ],
    credits: {
      cap: 0.25,
      rules: [
        { objective: 'availability', basis: 'affected-users', tiers: [{ below: 0.9995, credit: 0.05 }, { below: 0.999, credit: 0.1 }, { below: 0.99, credit: 0.25 }] },
        { objective: 'p1-resolution', basis: 'fee', tiers: [], perStartedHourBeyond: 0.05 },
        { objective: 'packet-loss', basis: 'affected-users', tiers: [{ above: 0.005, credit: 0.02 }] },
      ],
    },
    exitTriggers: [
      { id: 'three-bad-months', kind: 'breached-periods', count: 3, of: 'month', withinMonths: 12 },
      { id: 'p1-beyond-rto', kind: 'incidents-beyond', objective: 'p1-resolution', count: 2, within: { kind: 'quarter' } },
    ],
  };
}

/** uc-meetcloud: the vendor owes Group IT, with basis fee on a per-region objective. */
export function meetcloudUc(): AgreementSpec {
  return {
    id: 'uc-meetcloud',
    kind: 'UC',
    provider: 'meetcloud',
    consumer: 'it',
    service: 'meeting-platform',
    effective: { from: '2025-07-01' },
    window: 'month',
    timezone: 'UTC',
    fee: { monthly: 310_000, currency: 'SEK' },
    activeUsers: {},
    priorityMatrix: DEFAULT_PRIORITY_MATRIX,
    objectives: [
      objective({ id: 'availability', metric: 'availability', target: ratio(0.9995), direction: 'atLeast', calendar: 'always' }),
      objective({ id: 'p1-restore', metric: 'restore_time', priority: 'P1', target: seconds(5400), direction: 'atMost', perRegion: false }),
    ],
    credits: {
      cap: 0.25,
      rules: [{ objective: 'availability', basis: 'fee', tiers: [{ below: 0.9995, credit: 0.1 }, { below: 0.995, credit: 0.25 }] }],
    },
    exitTriggers: [],
  };
}

/** sla-nordbank-video's P1 exit trigger: three P1 past due within six months. */
export function nordbankSla(): AgreementSpec {
  return {
    ...acmeSla(),
    id: 'sla-nordbank-video',
    consumer: 'nordbank',
    window: 'month',
    timezone: 'Europe/Stockholm',
    fee: { monthly: 40_000, currency: 'SEK' },
    activeUsers: { 'eu-north': 120, 'eu-west': 30 },
    objectives: [
      objective({ id: 'availability', metric: 'availability', target: ratio(0.99), direction: 'atLeast', calendar: 'office-dk' }),
      objective({ id: 'p1-resolution', metric: 'resolution_time', priority: 'P1', target: seconds(8 * 3600), direction: 'atMost', perRegion: false, pauseOn: ['awaiting-customer', 'awaiting-vendor'] }),
    ],
    credits: { cap: 0.15, rules: [{ objective: 'availability', basis: 'fee', tiers: [{ below: 0.99, credit: 0.1 }] }] },
    exitTriggers: [{ id: 'p1-half-year', kind: 'incidents-beyond', objective: 'p1-resolution', count: 3, within: { kind: 'months', months: 6 } }],
  };
}
