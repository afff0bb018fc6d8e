import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A warning or breach that fired. Unique per incident, objective, kind and threshold: the
 * row and its `sla.clock.*` event commit together, so each fires exactly once.
 */
@Entity({ name: 'alerts' })
export class AlertEntity {
  @PrimaryColumn({ type: 'text' })
  incident!: string;

  @PrimaryColumn({ type: 'text' })
  agreement!: string;

  @PrimaryColumn({ type: 'text' })
  objective!: string;

  /** warning | breach */
  @PrimaryColumn({ type: 'text' })
  kind!: string;

  @PrimaryColumn({ type: 'double precision' })
  threshold!: number;

  /** When the threshold was crossed, in the clock's business time. */
  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  /** The service's time when it fired. */
  @Column({ name: 'fired_at', type: 'timestamptz' })
  firedAt!: Date;

  /** The database's time when the row was written. */
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
