import {
  HOLDER_RECIPIENT,
  type AgreementKind,
  type Catalog,
  type ContactSpec,
  type EscalationCondition,
  type EscalationEvent,
  type EscalationPolicySpec,
  type NotificationChannel,
  type Priority,
  type SecretRef,
  type WebhookSpec,
} from '@underpin/domain';
import type { CatalogReferences } from './catalog-references.util';
import { readDefinedId, readReference } from './catalog-sections.util';
import { readDuration, readPercent } from './catalog-units.util';
import { booleanAt, field, oneOrMany, report, text, words, type Cursor } from './yaml-cursor.util';

export function readContact(cursor: Cursor, refs: CatalogReferences): ContactSpec | undefined {
  const id = readDefinedId(cursor, 'contact', refs);
  const name = text(field(cursor, 'name'));
  const party = readReference(field(cursor, 'party'), 'party', refs);
  const email = text(field(cursor, 'email'));
  const webhook = readWebhook(field(cursor, 'webhook'));
  const calendar = readReference(field(cursor, 'calendar'), 'calendar', refs);
  const respectAt = field(cursor, 'respectCalendar');
  const respectCalendar = respectAt ? booleanAt(respectAt) : false;
  if (id === undefined || respectCalendar === undefined) return undefined;
  return {
    id,
    ...(name !== undefined ? { name } : {}),
    ...(party !== undefined ? { party } : {}),
    ...(email !== undefined ? { email } : {}),
    ...(webhook !== undefined ? { webhook } : {}),
    ...(calendar !== undefined ? { calendar } : {}),
    respectCalendar,
  };
}

function readWebhook(cursor: Cursor | undefined): WebhookSpec | undefined {
  const url = text(field(cursor, 'url'));
  const secret = readSecretRef(field(cursor, 'secret'));
  return url === undefined || secret === undefined ? undefined : { url, secret };
}

/** A secret's place, never its value: the schema refuses a literal key, since the catalogue travels to every service. */
function readSecretRef(cursor: Cursor | undefined): SecretRef | undefined {
  if (cursor === undefined || cursor.file.hasProblemAt(cursor)) return undefined;
  const env = text(field(cursor, 'env'));
  const file = text(field(cursor, 'file'));
  if (env !== undefined) return { env };
  return file === undefined ? undefined : { file };
}

export function readEscalation(cursor: Cursor, refs: CatalogReferences): EscalationPolicySpec | undefined {
  const id = readDefinedId(cursor, 'escalation', refs);
  const when = readCondition(field(cursor, 'when'), refs);
  const notifyAt = field(cursor, 'notify');
  const notify = words(notifyAt).map(({ value, at }) => {
    if (value !== HOLDER_RECIPIENT) refs.refer('contact', value, at);
    return value;
  });
  const channels = words(field(cursor, 'channels')).map(({ value }) => value as NotificationChannel);
  const respectAt = field(cursor, 'respectCalendar');
  const respectCalendar = booleanAt(respectAt);
  if (id === undefined || when === undefined || notifyAt === undefined || notify.length === 0) return undefined;
  if (respectAt && respectCalendar === undefined) return undefined;
  const policy: EscalationPolicySpec = { id, when, notify, channels, ...(respectCalendar !== undefined ? { respectCalendar } : {}) };
  if (channels.length > 0) refs.later((catalog) => checkChannels(policy, notifyAt, catalog));
  return policy;
}

function readCondition(cursor: Cursor | undefined, refs: CatalogReferences): EscalationCondition | undefined {
  const event = text(field(cursor, 'event')) as EscalationEvent | undefined;
  const priorities = oneOrMany(field(cursor, 'priority')).map(({ value }) => value as Priority);
  const agreements = oneOrMany(field(cursor, 'agreement')).map(({ value, at }) => {
    refs.refer('agreement', value, at);
    return value;
  });
  const kinds = oneOrMany(field(cursor, 'kind')).map(({ value }) => value as AgreementKind);
  const thresholdAt = field(cursor, 'threshold');
  const threshold = thresholdAt && readPercent(thresholdAt, { allowHundred: false });
  const afterAt = field(cursor, 'after');
  const after = afterAt && readDuration(afterAt);
  if (event === undefined) return undefined;
  return {
    event,
    priorities,
    agreements,
    kinds,
    ...(threshold !== undefined ? { threshold } : {}),
    ...(after !== undefined ? { after } : {}),
  };
}

/** A contact named by a policy that restricts channels must have at least one of them. */
function checkChannels(policy: EscalationPolicySpec, notifyAt: Cursor, catalog: Catalog): void {
  for (const recipient of policy.notify) {
    const contact = catalog.contacts?.find((c) => c.id === recipient);
    if (contact === undefined) continue;
    const has: NotificationChannel[] = [...(contact.email ? (['email'] as const) : []), ...(contact.webhook ? (['webhook'] as const) : [])];
    if (!policy.channels.some((channel) => has.includes(channel))) {
      report(notifyAt, `contact "${recipient}" has none of the channels ${policy.channels.join(', ')}`);
    }
  }
}
