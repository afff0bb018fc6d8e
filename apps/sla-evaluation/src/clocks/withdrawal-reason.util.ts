import type { IncidentEvent, RecordedAlert } from '@underpin/domain';

const LISTED = 3;

/**
 * One sentence for the people who were told of an alert that never happened: which events,
 * dated before it but received after it was sent, show that.
 */
export function withdrawalReason(alert: RecordedAlert, applied: readonly IncidentEvent[]): string {
  const what = alert.kind === 'breach' ? `breach of ${alert.agreement}/${alert.objective}` : `${Math.round(alert.threshold * 100)} % warning of ${alert.agreement}/${alert.objective}`;
  const late = applied.filter((event) => event.at <= alert.at).sort((a, b) => a.at - b.at);
  if (late.length === 0) return `later events show that the ${what} at ${iso(alert.at)} never happened`;
  const listed = late.slice(0, LISTED).map((event) => `${event.type.slice('incident.'.length)} at ${iso(event.at)}`);
  const more = late.length > LISTED ? ` and ${late.length - LISTED} more` : '';
  return `${listed.join(', ')}${more} arrived after it was sent: the ${what} at ${iso(alert.at)} never happened`;
}

function iso(at: number): string {
  return new Date(at).toISOString().replace('.000Z', 'Z');
}
