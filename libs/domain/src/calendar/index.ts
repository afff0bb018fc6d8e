export * from './business-calendar.type';
