import { CATALOG_CHANGES_TOPIC } from './catalog-changes.event';
import { CREDITS_LEDGER_TOPIC } from './credits-ledger.event';
import type { AnyTopicDefinition } from './event-envelope.model';
import { INCIDENT_EVENTS_TOPIC } from './incident-events.event';
import { METRIC_SAMPLES_TOPIC } from './metric-samples.event';
import { NOTIFICATION_DELIVERIES_TOPIC } from './notification-deliveries.event';
import { OLA_ATTRIBUTION_TOPIC } from './ola-attribution.event';
import { SLA_CLOCKS_TOPIC } from './sla-clocks.event';
import { SLA_PERIODS_TOPIC } from './sla-periods.event';

/** Every topic of the platform. Each has a `.dlq` twin (see `dlqTopicOf`). */
export const TOPICS = {
  incidentEvents: INCIDENT_EVENTS_TOPIC,
  metricSamples: METRIC_SAMPLES_TOPIC,
  catalogChanges: CATALOG_CHANGES_TOPIC,
  slaClocks: SLA_CLOCKS_TOPIC,
  slaPeriods: SLA_PERIODS_TOPIC,
  olaAttribution: OLA_ATTRIBUTION_TOPIC,
  creditsLedger: CREDITS_LEDGER_TOPIC,
  notificationDeliveries: NOTIFICATION_DELIVERIES_TOPIC,
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS]['name'];

export const TOPIC_REGISTRY: readonly AnyTopicDefinition[] = Object.values(TOPICS);

export function findTopic(name: string): AnyTopicDefinition | undefined {
  return TOPIC_REGISTRY.find((topic) => topic.name === name);
}
