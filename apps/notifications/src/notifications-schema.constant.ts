/** The PostgreSQL schema this service owns. */
export const NOTIFICATIONS_SCHEMA = 'notifications';
