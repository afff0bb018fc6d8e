import { Injectable } from '@nestjs/common';
import { CatalogReplicaService } from '@underpin/platform';
import { ContactCalendars } from './contact-calendars.util';

/** When deliveries bound to a contact's calendar may go out, by the catalogue in force. */
@Injectable()
export class ContactCalendarsService {
  private compiled: { revision: string; calendars: ContactCalendars } | undefined;

  constructor(private readonly replica: CatalogReplicaService) {}

  /** The first open instant of the calendar at or after `from`; `from` without a calendar or catalogue. */
  sendAt(calendarId: string | null | undefined, from: number): number {
    const snapshot = this.replica.current();
    if (!calendarId || snapshot === undefined) return from;
    // Compiled calendars cache the weeks they resolved; keep them until the catalogue changes.
    if (this.compiled?.revision !== snapshot.revision) this.compiled = { revision: snapshot.revision, calendars: new ContactCalendars(snapshot.catalog) };
    return this.compiled.calendars.sendAt(calendarId, from);
  }
}
