// Jest globalTeardown of the integration project: stops what global-setup.ts started.
import { currentTestResources, forgetTestResources, progress } from './test-resources.util';

export default async function globalTeardown(): Promise<void> {
  const resources = currentTestResources();
  if (!resources) return;
  const results = await Promise.allSettled([resources.kafka?.stop(), resources.postgres?.stop()]);
  for (const name of resources.setEnv) delete process.env[name];
  forgetTestResources();
  const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failures.length > 0) {
    throw new Error(`Stopping the test services failed: ${failures.map((failure) => String(failure.reason)).join('; ')}`);
  }
  if (resources.kafka) progress('Kafka stopped');
}
