import { formatReadableDuration, type AgreementSpec, type Catalog, type EscalationPolicySpec, type Priority } from '@underpin/domain';
import { priorityOfTrigger } from './escalation-matcher.util';
import type { KnownIncident, Trigger } from './escalation.type';

export interface RenderedMessage {
  subject: string;
  text: string;
  /** The webhook's JSON body (without the delivery id, added per delivery). */
  payload: Record<string, unknown>;
}

const PREFIX = '[Underpin]';

/** The words of a notification: one subject line, a plain-text body and a JSON payload. */
export function renderMessage(policy: EscalationPolicySpec, trigger: Trigger, catalog: Catalog, incident: KnownIncident | undefined): RenderedMessage {
  const agreement = catalog.agreements.find((a) => a.id === trigger.agreement);
  const priority = priorityOfTrigger(trigger, catalog, incident);
  const headline = headlineOf(policy, trigger, priority);
  const lines = [headline, ''];
  if (trigger.incident !== undefined) lines.push(...incidentLines(trigger.incident, incident));
  if (trigger.agreement !== undefined) lines.push(...agreementLines(trigger, agreement));
  if (trigger.details.dueAt !== undefined) lines.push(`Due: ${trigger.details.dueAt}`);
  lines.push(`Happened: ${new Date(trigger.occurredAt).toISOString()}`, '', `Escalation policy: ${policy.id}`);
  const subject = `${PREFIX} ${headline}`;
  const payload: Record<string, unknown> = {
    event: trigger.event,
    policy: policy.id,
    occurredAt: new Date(trigger.occurredAt).toISOString(),
    ...(trigger.incident !== undefined ? { incident: trigger.incident } : {}),
    ...(priority !== undefined ? { priority } : {}),
    ...(trigger.agreement !== undefined ? { agreement: trigger.agreement } : {}),
    ...(trigger.objective !== undefined ? { objective: trigger.objective } : {}),
    ...(trigger.threshold !== undefined ? { threshold: trigger.threshold } : {}),
    ...(trigger.details.dueAt !== undefined ? { dueAt: trigger.details.dueAt } : {}),
    ...(trigger.details.trigger !== undefined ? { exitTrigger: trigger.details.trigger, count: trigger.details.count } : {}),
    ...(incident !== undefined ? { status: incident.status, holder: incident.holder ?? null, service: incident.service, customer: incident.customer } : {}),
    subject,
    text: lines.join('\n'),
  };
  return { subject, text: lines.join('\n'), payload };
}

function headlineOf(policy: EscalationPolicySpec, trigger: Trigger, priority: Priority | undefined): string {
  const tag = priority === undefined ? '' : `${priority} `;
  const objective = `${trigger.agreement}/${trigger.objective}`;
  switch (trigger.event) {
    case 'warning':
      return `${tag}warning: ${percent(trigger.threshold ?? 0)} of ${objective} used on ${trigger.incident}`;
    case 'breach':
      return `${tag}breach: ${objective} missed on ${trigger.incident}`;
    case 'not-acknowledged':
      return `${tag}${trigger.incident} not acknowledged after ${formatReadableDuration(policy.when.after ?? 0)}`;
    case 'exit-trigger':
      return `Exit trigger ${trigger.details.trigger} fired on ${trigger.agreement}`;
  }
}

function incidentLines(id: string, incident: KnownIncident | undefined): string[] {
  if (incident === undefined) return [`Incident: ${id}`];
  const where = incident.region === undefined ? incident.service : `${incident.service} (${incident.region})`;
  return [
    `Incident: ${id}${incident.title ? ` - ${incident.title}` : ''}`,
    `Service: ${where}, customer ${incident.customer}`,
    `Priority: ${incident.priority}, ${incident.status}`,
    `Held by: ${incident.holder ?? 'nobody yet'}`,
    `Opened: ${new Date(incident.openedAt).toISOString()}`,
  ];
}

function agreementLines(trigger: Trigger, agreement: AgreementSpec | undefined): string[] {
  const lines = [
    agreement === undefined
      ? `Agreement: ${trigger.agreement}`
      : `Agreement: ${agreement.id} (${agreement.kind}, ${agreement.provider} for ${agreement.consumer})`,
  ];
  const objective = agreement?.objectives.find((o) => o.id === trigger.objective);
  if (objective !== undefined && objective.target.unit === 'seconds') {
    lines.push(`Objective: ${objective.id} (${objective.metric}, target ${formatReadableDuration(objective.target.value)})`);
  } else if (trigger.objective !== undefined) {
    lines.push(`Objective: ${trigger.objective}`);
  }
  if (trigger.details.count !== undefined) lines.push(`Occurrences: ${trigger.details.count}`);
  return lines;
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}
