import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One source's API key: only its hash is kept. Revoked keys stay, so a listing shows them. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'key_hash', type: 'bytea', unique: true })
  keyHash!: Buffer;

  @Column({ name: 'key_prefix', type: 'text' })
  keyPrefix!: string;

  /** The services whose samples the key may send. */
  @Column({ type: 'text', array: true })
  services!: string[];

  /** The regions it may send for; empty, every region of its services. */
  @Column({ type: 'text', array: true })
  regions!: string[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
