import type { ServiceDatabase } from '@underpin/platform';
import { NOTIFICATIONS_SCHEMA } from '../notifications-schema.constant';
import { CreateNotifications1765000000000 } from './migrations/1765000000000-create-notifications';
import { AddRetentionIndexes1765000000001 } from './migrations/1765000000001-add-retention-indexes';
import { AlertCorrections1766000000000 } from './migrations/1766000000000-alert-corrections';

export const NOTIFICATIONS_DATABASE: ServiceDatabase = {
  schema: NOTIFICATIONS_SCHEMA,
  migrations: [CreateNotifications1765000000000, AddRetentionIndexes1765000000001, AlertCorrections1766000000000],
  catalogReplica: true,
};
