/**
 * Legal Kafka topic characters, in dot-separated parts. The longest name it may prefix is a
 * registry topic's `.dlq` twin, far below Kafka's 249 characters once 100 are taken here.
 */
const NAMESPACE = /^[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*$/;
const MAX_NAMESPACE_LENGTH = 100;

/** Why `namespace` cannot prefix topic and group names, or undefined when it can ('' is none). */
export function kafkaNamespaceProblem(namespace: string): string | undefined {
  if (namespace === '') return undefined;
  if (namespace.length > MAX_NAMESPACE_LENGTH) return `must be at most ${MAX_NAMESPACE_LENGTH} characters, got ${namespace.length}`;
  if (!NAMESPACE.test(namespace)) return `must be letters, digits, "_" and "-" in parts separated by single dots, got "${namespace}"`;
  return undefined;
}

/**
 * Where the platform's names live on the brokers. With a namespace `ns`, the topic
 * `incidents.events.v1` is `ns.incidents.events.v1` there (its twin `ns.incidents.events.v1.dlq`)
 * and the group `sla-evaluation.incidents` is `ns.sla-evaluation.incidents`, so several
 * platforms (test suites, tenants, environments) share a cluster without reading each other's
 * events. Only the brokers see the prefix: services, handlers and dead letters use the
 * logical names.
 */
export class KafkaNamespace {
  private readonly prefix: string;

  constructor(readonly namespace: string) {
    this.prefix = namespace === '' ? '' : `${namespace}.`;
  }

  /** The broker's name of a logical topic (or of its `.dlq` twin). */
  topic(logical: string): string {
    return this.prefix + logical;
  }

  /** The broker's id of a logical consumer group. */
  group(logical: string): string {
    return this.prefix + logical;
  }

  /** The logical name of a topic on the brokers, or undefined when it is outside the namespace. */
  logicalTopic(physical: string): string | undefined {
    if (!physical.startsWith(this.prefix) || physical.length === this.prefix.length) return undefined;
    return physical.slice(this.prefix.length);
  }
}
