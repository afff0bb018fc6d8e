import { isScalar, isSeq } from 'yaml';
import {
  ESCALATION_EVENTS,
  HOLDER_RECIPIENT,
  NOTIFICATION_CHANNELS,
  type Catalog,
  type ContactSpec,
  type EscalationCondition,
  type EscalationPolicySpec,
  type NotificationChannel,
  type SecretRef,
  type WebhookSpec,
} from '@underpin/domain';
import type { CatalogReferences } from './catalog-references.util';
import { AGREEMENT_KINDS, CATALOG_KEYS, PRIORITIES } from './catalog-keys.constant';
import { readDefinedId } from './catalog-sections.util';
import { readDuration, readPercent } from './catalog-units.util';
import { childPath, readBoolean, readEnum, readId, readList, readMap, readString, report, type Cursor } from './yaml-cursor.util';

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function readContact(cursor: Cursor, refs: CatalogReferences): ContactSpec | undefined {
  const fields = readMap(cursor, CATALOG_KEYS.contact);
  if (fields === undefined) return undefined;
  const id = readDefinedId(fields, 'contact', refs);
  if (id === HOLDER_RECIPIENT) {
    report(fields.get('id') as Cursor, `"${HOLDER_RECIPIENT}" is reserved for the party holding an incident; pick another id`);
  }
  const nameAt = fields.get('name');
  const name = nameAt && readString(nameAt);
  const party = readReference(fields.get('party'), 'party', refs);
  const emailAt = fields.get('email');
  const email = emailAt && readEmail(emailAt);
  const webhookAt = fields.get('webhook');
  const webhook = webhookAt && readWebhook(webhookAt);
  if (!emailAt && !webhookAt) report(cursor, 'a contact needs email or webhook (or both)');
  const calendarAt = fields.get('calendar');
  const calendar = readReference(calendarAt, 'calendar', refs);
  const respectAt = fields.get('respectCalendar');
  const respectCalendar = respectAt ? readBoolean(respectAt) : false;
  if (respectAt && respectCalendar === true && !calendarAt) {
    report(respectAt, 'respectCalendar needs the contact to name its calendar');
  }
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

function readEmail(cursor: Cursor): string | undefined {
  const value = readString(cursor, 'expected an e-mail address like "oncall@example.com"');
  if (value === undefined) return undefined;
  if (EMAIL.test(value)) return value;
  report(cursor, `expected an e-mail address like "oncall@example.com"; got "${value}"`);
  return undefined;
}

function readWebhook(cursor: Cursor): WebhookSpec | undefined {
  const fields = readMap(cursor, CATALOG_KEYS.webhook, 'expected { url, secret: { env: NAME } }');
  if (fields === undefined) return undefined;
  const urlAt = fields.require('url', 'expected an http(s) URL');
  const url = urlAt && readHttpUrl(urlAt);
  const secretAt = fields.require('secret', SECRET_REF_EXPECTED);
  const secret = secretAt && readSecretRef(secretAt);
  return url === undefined || secret === undefined ? undefined : { url, secret };
}

const SECRET_REF_EXPECTED = 'expected where the notifications service reads the signing secret: { env: NAME } or { file: /absolute/path }';
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A secret's place, never its value: the catalogue travels to every service and into their
 * replicas, so a literal key there would leak to all of them (and to version control).
 */
function readSecretRef(cursor: Cursor): SecretRef | undefined {
  if (isScalar(cursor.node)) {
    report(cursor, `signing secrets are not written in the catalogue, which every service receives; keep it in the notifications service's environment and write secret: { env: NAME }, or in a file: secret: { file: /run/secrets/name }`);
    return undefined;
  }
  const fields = readMap(cursor, CATALOG_KEYS.secretRef, SECRET_REF_EXPECTED);
  if (fields === undefined) return undefined;
  const [key, ...others] = fields.keys();
  if (key === undefined || others.length > 0) {
    report(cursor, `${SECRET_REF_EXPECTED}; give exactly one of env and file`);
    return undefined;
  }
  const at = fields.get(key)!;
  const value = readString(at, key === 'env' ? 'expected an environment variable name' : 'expected an absolute file path');
  if (value === undefined) return undefined;
  if (key === 'env') {
    if (ENV_NAME.test(value)) return { env: value };
    report(at, `expected an environment variable name (letters, digits, _) like UNDERPIN_WEBHOOK_SECRET; got "${value}"`);
    return undefined;
  }
  if (value.startsWith('/')) return { file: value };
  report(at, `expected an absolute file path like /run/secrets/webhook; got "${value}"`);
  return undefined;
}

function readHttpUrl(cursor: Cursor): string | undefined {
  const value = readString(cursor, 'expected an http(s) URL');
  if (value === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    report(cursor, `expected an http(s) URL like "https://hooks.example.com/underpin"; got "${value}"`);
    return undefined;
  }
  return value;
}

export function readEscalation(cursor: Cursor, refs: CatalogReferences): EscalationPolicySpec | undefined {
  const fields = readMap(cursor, CATALOG_KEYS.escalation);
  if (fields === undefined) return undefined;
  const id = readDefinedId(fields, 'escalation', refs);
  const whenAt = fields.require('when', 'expected a condition like { event: breach }');
  const when = whenAt && readCondition(whenAt, refs);
  const notifyAt = fields.require('notify', 'expected a list of contact ids (or holder)');
  const recipients = notifyAt ? readRecipients(notifyAt, refs) : [];
  const holderAt = recipients.find((recipient) => recipient.id === HOLDER_RECIPIENT)?.at;
  if (holderAt && when?.event === 'exit-trigger') report(holderAt, 'an exit trigger concerns an agreement, not an incident, so nobody holds it');
  const notify = recipients.map((recipient) => recipient.id);
  const channelsAt = fields.get('channels');
  const channels = channelsAt ? readUniqueList(channelsAt, (item) => readEnum(item, NOTIFICATION_CHANNELS), 'expected a list like [email, webhook]') : [];
  const respectAt = fields.get('respectCalendar');
  const respectCalendar = respectAt ? readBoolean(respectAt) : undefined;
  if (id === undefined || when === undefined || notifyAt === undefined || notify.length === 0) return undefined;
  if (respectAt && respectCalendar === undefined) return undefined;
  const policy: EscalationPolicySpec = { id, when, notify, channels, ...(respectCalendar !== undefined ? { respectCalendar } : {}) };
  if (channels.length > 0) refs.later((catalog) => checkChannels(policy, notifyAt, catalog));
  return policy;
}

function readCondition(cursor: Cursor, refs: CatalogReferences): EscalationCondition | undefined {
  const fields = readMap(cursor, CATALOG_KEYS.escalationWhen, 'expected a condition like { event: breach }');
  if (fields === undefined) return undefined;
  const eventAt = fields.require('event', `expected one of ${ESCALATION_EVENTS.join(', ')}`);
  const event = eventAt && readEnum(eventAt, ESCALATION_EVENTS);
  const priorityAt = fields.get('priority');
  const priorities = priorityAt ? readOneOrMany(priorityAt, (item) => readEnum(item, PRIORITIES)) : [];
  const agreementAt = fields.get('agreement');
  const agreements = agreementAt ? readOneOrMany(agreementAt, (item) => readReference(item, 'agreement', refs)) : [];
  const kindAt = fields.get('kind');
  const kinds = kindAt ? readOneOrMany(kindAt, (item) => readEnum(item, AGREEMENT_KINDS)) : [];
  const thresholdAt = fields.get('threshold');
  const threshold = thresholdAt && readPercent(thresholdAt, { allowHundred: false });
  const afterAt = fields.get('after');
  const after = afterAt && readDuration(afterAt);

  if (event === 'not-acknowledged') {
    if (!afterAt) {
      cursor.file.report(cursor.at, childPath(cursor.path, 'after'), 'is required for not-acknowledged: how long after opening, e.g. after: 30m');
    }
    for (const at of [agreementAt, kindAt]) {
      if (at) report(at, 'not-acknowledged concerns an incident before any agreement is involved; filter it by priority');
    }
  }
  if (event === 'exit-trigger' && priorityAt) report(priorityAt, 'an exit trigger concerns an agreement, not an incident, so it has no priority');
  if (event !== undefined && event !== 'warning' && thresholdAt) report(thresholdAt, 'threshold applies to warning only');
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

function readRecipients(cursor: Cursor, refs: CatalogReferences): Array<{ id: string; at: Cursor }> {
  if (isSeq(cursor.node) && cursor.node.items.length === 0) report(cursor, 'a policy needs at least one recipient');
  const items = readList(cursor, 'expected a list of contact ids (or holder)') ?? [];
  const recipients: Array<{ id: string; at: Cursor }> = [];
  for (const item of items) {
    const id = readId(item);
    if (id === undefined) continue;
    if (recipients.some((recipient) => recipient.id === id)) {
      report(item, `"${id}" is listed twice`);
      continue;
    }
    if (id !== HOLDER_RECIPIENT) refs.refer('contact', id, item);
    recipients.push({ id, at: item });
  }
  return recipients;
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

function readReference(cursor: Cursor | undefined, kind: 'party' | 'calendar' | 'agreement', refs: CatalogReferences): string | undefined {
  if (cursor === undefined) return undefined;
  const id = readId(cursor);
  if (id !== undefined) refs.refer(kind, id, cursor);
  return id;
}

/** `priority: P1` and `priority: [P1, P2]` read alike. */
function readOneOrMany<T>(cursor: Cursor, readItem: (item: Cursor) => T | undefined): T[] {
  if (!isSeq(cursor.node)) {
    const value = readItem(cursor);
    return value === undefined ? [] : [value];
  }
  const values = readUniqueList(cursor, readItem);
  if (cursor.node.items.length === 0) report(cursor, 'an empty list matches nothing; leave the filter out to match everything');
  return values;
}

function readUniqueList<T>(cursor: Cursor, readItem: (item: Cursor) => T | undefined, expectation?: string): T[] {
  const items = readList(cursor, expectation);
  if (items === undefined) return [];
  const values: T[] = [];
  for (const item of items) {
    const value = readItem(item);
    if (value === undefined) continue;
    if (values.includes(value)) report(item, `"${String(value)}" is listed twice`);
    else values.push(value);
  }
  return values;
}
