export * from './business-calendar.type';
export { compileCalendar, type CompileCalendarOptions } from './compile-calendar.util';
export { alwaysCalendar, ALWAYS_CALENDAR_ID, RealTimeCalendar } from './real-time-calendar.util';
export { InvalidCalendarException } from './invalid-calendar.exception';
export {
  epochToZonedParts,
  isValidTimeZone,
  MAX_SUPPORTED_EPOCH_MS,
  MIN_SUPPORTED_EPOCH_MS,
  zonedWallTimeToEpoch,
  zoneOffsetMs,
  type ZonedParts,
} from './time-zone.util';
export {
  civilFromDays,
  daysFromCivil,
  formatIsoDate,
  MS_PER_DAY,
  MS_PER_MINUTE,
  MS_PER_WEEK,
  parseIsoDate,
  weekdayOfDays,
  type CivilDate,
} from './civil-date.util';
