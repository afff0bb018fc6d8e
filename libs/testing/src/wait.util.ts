// Polling for asynchronous outcomes (a consumer receiving, a row appearing) with a time limit
// and a message that says what never happened.

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/** Resolves once `condition` returns true; rejects after the time limit, naming `what`. */
export async function waitUntil(
  what: string,
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 30_000, intervalMs = 50 }: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() >= deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
