import { Injectable, Logger } from '@nestjs/common';
import type { Catalog, EscalationPolicySpec } from '@underpin/domain';
import type { SqlRunner } from '@underpin/messaging';
import type { KnownIncident, Trigger } from '../escalation/escalation.type';
import { renderMessage } from '../escalation/message.util';
import { planRecipients } from '../escalation/recipients.util';
import { DeliveryChannelsService } from './channels/delivery-channels.service';
import { ContactCalendarsService } from './contact-calendars.service';
import { DeliveryOutboxService } from './delivery-outbox.service';

export interface FiredEscalation {
  policy: EscalationPolicySpec;
  trigger: Trigger;
  catalog: Catalog;
  incident: KnownIncident | undefined;
}

/** Turns a fired escalation into deliveries: one per contact and channel, each not before its calendar opens. */
@Injectable()
export class DeliveryPlannerService {
  private readonly warned = new Set<string>();
  private readonly logger = new Logger(DeliveryPlannerService.name);

  constructor(
    private readonly outbox: DeliveryOutboxService,
    private readonly calendars: ContactCalendarsService,
    private readonly channels: DeliveryChannelsService,
  ) {}

  /** Enqueues in the caller's transaction; returns the outcome to record on the escalation. */
  async plan(sql: SqlRunner, fired: FiredEscalation, now: Date): Promise<string> {
    const { policy, trigger, catalog, incident } = fired;
    const plan = planRecipients(policy, catalog, incident?.holder, this.channels.enabled());
    const message = renderMessage(policy, trigger, catalog, incident);
    let created = 0;
    for (const planned of plan.deliveries) {
      const isNew = await this.outbox.enqueue(
        sql,
        {
          policy: policy.id,
          ...(trigger.incident !== undefined ? { incident: trigger.incident } : {}),
          ...(trigger.agreement !== undefined ? { agreement: trigger.agreement } : {}),
          triggerEventId: trigger.eventId,
          ...planned,
          message,
          sendAt: new Date(this.calendars.sendAt(planned.calendar, now.getTime())),
        },
        now,
      );
      if (isNew) created++;
    }
    for (const note of plan.notes) {
      // A missing contact or a switched-off channel concerns every alert alike: say it once.
      const line = `${policy.id}: ${note}`;
      if (this.warned.has(line)) this.logger.debug(`${line} (${trigger.event} ${trigger.eventId})`);
      else {
        this.warned.add(line);
        this.logger.warn(`${line} (first seen on ${trigger.event} ${trigger.eventId}; repeats are logged at debug level)`);
      }
    }
    return [`${created} deliveries`, ...plan.notes].join('; ');
  }
}
