import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The incidents service's own table; never exposed as a GraphQL type directly. */
@Entity({ name: 'incidents' })
export class IncidentEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'external_id', type: 'text', nullable: true, unique: true })
  externalId!: string | null;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ type: 'text' })
  service!: string;

  @Column({ type: 'text' })
  customer!: string;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  @Column({ type: 'text' })
  impact!: string;

  @Column({ type: 'text' })
  urgency!: string;

  @Column({ type: 'text' })
  priority!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text', nullable: true })
  assignee!: string | null;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
