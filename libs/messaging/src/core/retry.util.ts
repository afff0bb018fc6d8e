import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './event-bus.type';
import { MessagingConfigException } from './messaging.exception';

export function resolveRetryPolicy(partial: Partial<RetryPolicy> | undefined, subject: string): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...partial };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) throw new MessagingConfigException(`${subject}: retry.maxAttempts must be an integer ≥ 1, got ${policy.maxAttempts}`);
  if (!(policy.initialDelayMs >= 0)) throw new MessagingConfigException(`${subject}: retry.initialDelayMs must be ≥ 0, got ${policy.initialDelayMs}`);
  if (!(policy.maxDelayMs >= policy.initialDelayMs)) throw new MessagingConfigException(`${subject}: retry.maxDelayMs must be ≥ initialDelayMs, got ${policy.maxDelayMs}`);
  if (policy.onExhausted !== 'dead-letter' && policy.onExhausted !== 'block') throw new MessagingConfigException(`${subject}: retry.onExhausted must be dead-letter or block`);
  if (typeof policy.isTransient !== 'function') throw new MessagingConfigException(`${subject}: retry.isTransient must be a function`);
  return policy;
}

/** Exponential backoff with full jitter: spreads retries of many consumers after a shared outage. */
export function backoffDelay(attempt: number, initialDelayMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`, or early (without error) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
