import { HOLDER_RECIPIENT, NOTIFICATION_CHANNELS, type Catalog, type ContactSpec, type EscalationPolicySpec, type NotificationChannel } from '@underpin/domain';

/** One message to send: a contact on one channel. */
export interface PlannedDelivery {
  recipient: string;
  channel: NotificationChannel;
  /** E-mail address or webhook URL. */
  address: string;
  /** Calendar whose open time the delivery must wait for; absent = send now. */
  calendar?: string;
}

export interface RecipientPlan {
  deliveries: PlannedDelivery[];
  /** Why a recipient got nothing, for the escalation's outcome and the log. */
  notes: string[];
}

/**
 * Resolves a policy's recipients into deliveries. `holder` reaches the contacts of the party
 * holding the incident; a contact reached twice (by name and as holder) gets one message per channel.
 */
export function planRecipients(
  policy: EscalationPolicySpec,
  catalog: Catalog,
  holder: string | undefined,
  channelsOn: ReadonlySet<NotificationChannel>,
): RecipientPlan {
  const contacts = catalog.contacts ?? [];
  const deliveries: PlannedDelivery[] = [];
  const notes: string[] = [];
  const reached: ContactSpec[] = [];
  for (const recipient of policy.notify) {
    if (recipient === HOLDER_RECIPIENT) {
      const ofHolder = holder === undefined ? [] : contacts.filter((contact) => contact.party === holder);
      if (holder === undefined) notes.push('holder: nobody holds the incident');
      else if (ofHolder.length === 0) notes.push(`holder: party ${holder} has no contacts`);
      reached.push(...ofHolder);
    } else {
      const contact = contacts.find((c) => c.id === recipient);
      if (contact === undefined) notes.push(`${recipient}: no longer in the catalogue`);
      else reached.push(contact);
    }
  }
  const wanted = policy.channels.length > 0 ? policy.channels : NOTIFICATION_CHANNELS;
  for (const contact of reached) {
    for (const channel of wanted) {
      const address = channel === 'email' ? contact.email : contact.webhook?.url;
      if (address === undefined) continue;
      if (deliveries.some((d) => d.recipient === contact.id && d.channel === channel)) continue;
      if (!channelsOn.has(channel)) {
        notes.push(`${contact.id}: ${channel} is switched off on this service`);
        continue;
      }
      const respect = policy.respectCalendar ?? contact.respectCalendar;
      deliveries.push({ recipient: contact.id, channel, address, ...(respect && contact.calendar ? { calendar: contact.calendar } : {}) });
    }
  }
  return { deliveries, notes };
}
