// What a host (the all-in-one process) needs to run this service.
export { notificationsService } from './notifications.module';
