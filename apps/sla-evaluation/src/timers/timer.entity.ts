import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * When a clock next crosses a warning or breaches: one timer per clock, disarmed (all three
 * null) while the clock is paused, stopped, pending or past its breach.
 */
@Entity({ name: 'timers' })
export class TimerEntity {
  @PrimaryColumn({ type: 'text' })
  incident!: string;

  @PrimaryColumn({ type: 'text' })
  agreement!: string;

  @PrimaryColumn({ type: 'text' })
  objective!: string;

  /** warning | breach */
  @Column({ type: 'text', nullable: true })
  kind!: string | null;

  /** Share of the target; 1 for the breach. */
  @Column({ type: 'double precision', nullable: true })
  threshold!: number | null;

  @Column({ name: 'fire_at', type: 'timestamptz', nullable: true })
  fireAt!: Date | null;
}
