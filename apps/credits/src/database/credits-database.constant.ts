import type { ServiceDatabase } from '@underpin/platform';

export const CREDITS_SCHEMA = 'credits';

/** Only the platform's tables so far (outbox, processed events). */
export const CREDITS_DATABASE: ServiceDatabase = { schema: CREDITS_SCHEMA };
