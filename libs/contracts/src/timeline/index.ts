export { parseEventsJsonl, MAX_LISTED_PROBLEMS, type EventsResult } from './parse-events-jsonl.util';
export { readEventsJsonl } from './read-events-jsonl.util';
export { parseEventLine, type EventLineResult } from './event-line.util';
export { EVENT_TYPES } from './event-fields.constant';
