import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IncidentEvent, IncidentTimeline } from '@underpin/domain';
import type { RejectedEvent } from './incident-record.util';

/**
 * What sla-evaluation knows of an incident: its own copy, built from incident events only
 * (it never reads the incidents service's tables). Clocks are derived from `state`. The row
 * is also the lock of the incident's clocks and timers: whoever rewrites them holds it.
 */
@Entity({ name: 'tracked_incidents' })
export class TrackedIncidentEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text', nullable: true })
  service!: string | null;

  @Column({ type: 'text', nullable: true })
  customer!: string | null;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  /** Under the default matrix; each agreement applies its own when selecting objectives. */
  @Column({ type: 'text', nullable: true })
  priority!: string | null;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ name: 'events_applied', type: 'integer' })
  eventsApplied!: number;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;

  /** The events accepted into the timeline (domain events, `at` in epoch ms), as received. */
  @Column({ type: 'json' })
  timeline!: IncidentEvent[];

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  /** new | open | resolved | closed, as the timeline says. */
  @Column({ type: 'text' })
  status!: string;

  /** The party holding the incident (while resolved: the one a reopen gives it back to). */
  @Column({ type: 'text', nullable: true })
  holder!: string | null;

  /** The timeline the events build (`IncidentTimeline`), so clocks need no rebuild. */
  @Column({ type: 'json', nullable: true })
  state!: IncidentTimeline | null;

  @Column({ name: 'rejected_events', type: 'json' })
  rejectedEvents!: RejectedEvent[];

  /** The catalogue revision the clocks were last evaluated with. */
  @Column({ name: 'catalog_revision', type: 'text', nullable: true })
  catalogRevision!: string | null;

  @Column({ name: 'evaluated_at', type: 'timestamptz', nullable: true })
  evaluatedAt!: Date | null;
}
