import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What sla-evaluation knows of an incident: its own copy, built from incident events only
 * (it never reads the incidents service's tables). Clocks are derived from `timeline`.
 */
@Entity({ name: 'tracked_incidents' })
export class TrackedIncidentEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  service!: string;

  @Column({ type: 'text' })
  customer!: string;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  @Column({ type: 'text' })
  priority!: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'events_applied', type: 'integer' })
  eventsApplied!: number;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;

  /** The incident's timeline as received (domain events, `at` in epoch ms), in order. */
  @Column({ type: 'jsonb' })
  timeline!: unknown[];

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
