import { type AnyTopicDefinition, dlqTopicOf } from '@underpin/contracts';
import type { Admin } from 'kafkajs';
import type { MessagingLogger } from '../core/messaging-logger.type';
import { KafkaNamespace } from './kafka-namespace.util';

export interface EnsureTopicsOptions {
  replicationFactor: number;
  deadLetterPartitions: number;
  logger: MessagingLogger;
  /** Where the topics live on the brokers; default: under their own names. */
  namespace?: KafkaNamespace;
}

export interface TopicPlan {
  topic: string;
  numPartitions: number;
  replicationFactor: number;
  configEntries: Array<{ name: string; value: string }>;
}

/** Every topic and its `.dlq` twin, under their names on the brokers, with the partitions the registry says. */
export function planTopics(topics: readonly AnyTopicDefinition[], options: Pick<EnsureTopicsOptions, 'replicationFactor' | 'deadLetterPartitions' | 'namespace'>): TopicPlan[] {
  const namespace = options.namespace ?? new KafkaNamespace('');
  // With three or more replicas, an acknowledged write survives the loss of one broker.
  const configEntries = options.replicationFactor >= 3 ? [{ name: 'min.insync.replicas', value: '2' }] : [];
  return topics.flatMap((topic) => [
    { topic: namespace.topic(topic.name), numPartitions: topic.partitions, replicationFactor: options.replicationFactor, configEntries },
    { topic: namespace.topic(dlqTopicOf(topic.name)), numPartitions: options.deadLetterPartitions, replicationFactor: options.replicationFactor, configEntries },
  ]);
}

/**
 * Creates the missing topics (the brokers do not auto-create) and reports existing ones with
 * fewer partitions than configured. It never adds partitions itself: that would move keys to
 * other partitions and break their order, so it is an operator's decision. `created` holds
 * the logical names (without the namespace).
 */
export async function ensureTopics(admin: Admin, topics: readonly AnyTopicDefinition[], options: EnsureTopicsOptions): Promise<{ created: string[] }> {
  const plan = planTopics(topics, options);
  const existing = new Set(await admin.listTopics());
  const missing = plan.filter((p) => !existing.has(p.topic));
  if (missing.length > 0) {
    await admin.createTopics({ topics: missing, waitForLeaders: true });
  }
  const present = plan.filter((p) => existing.has(p.topic));
  if (present.length > 0) {
    const metadata = await admin.fetchTopicMetadata({ topics: present.map((p) => p.topic) });
    for (const topic of metadata.topics) {
      const wanted = present.find((p) => p.topic === topic.name)!;
      if (topic.partitions.length < wanted.numPartitions) {
        options.logger.warn('topic has fewer partitions than configured; not changed automatically', { topic: topic.name, partitions: topic.partitions.length, configured: wanted.numPartitions });
      }
    }
  }
  const namespace = options.namespace ?? new KafkaNamespace('');
  return { created: missing.map((p) => namespace.logicalTopic(p.topic)!) };
}
