export * from './priority.util';
export * from './incident-timeline.model';
export * from './incident-timeline.util';
export * from './clock.model';
export { walkClock, clockStateAt, clockExtent, type ClockBasis, type PieceSink } from './clock-walk.util';
export * from './evaluate-clock.util';
export * from './applicable-objectives.util';
export { localDateOf } from './local-date.util';
export * from './incident-alerts.util';
