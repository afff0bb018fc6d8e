import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One applicable objective's clock of an incident, as last evaluated (by an event or a timer). */
@Entity({ name: 'clocks' })
export class ClockEntity {
  @PrimaryColumn({ type: 'text' })
  incident!: string;

  @PrimaryColumn({ type: 'text' })
  agreement!: string;

  @PrimaryColumn({ type: 'text' })
  objective!: string;

  @Column({ type: 'text' })
  metric!: string;

  /** SLA | OLA | UC */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  party!: string;

  /** sla | underpinning */
  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'text' })
  priority!: string;

  /** pending | running | paused | stopped */
  @Column({ type: 'text' })
  state!: string;

  @Column({ name: 'elapsed_seconds', type: 'double precision' })
  elapsedSeconds!: number;

  @Column({ name: 'target_seconds', type: 'double precision' })
  targetSeconds!: number;

  @Column({ name: 'remaining_seconds', type: 'double precision' })
  remainingSeconds!: number;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'boolean' })
  breached!: boolean;

  @Column({ name: 'breached_at', type: 'timestamptz', nullable: true })
  breachedAt!: Date | null;

  /** The next warning or breach, while the clock runs. */
  @Column({ name: 'next_kind', type: 'text', nullable: true })
  nextKind!: string | null;

  @Column({ name: 'next_threshold', type: 'double precision', nullable: true })
  nextThreshold!: number | null;

  @Column({ name: 'next_at', type: 'timestamptz', nullable: true })
  nextAt!: Date | null;

  @Column({ name: 'evaluated_at', type: 'timestamptz' })
  evaluatedAt!: Date;

  @Column({ name: 'catalog_revision', type: 'text' })
  catalogRevision!: string;
}
