import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { repoRoot } from '@underpin/platform';

/**
 * Replays the example incidents through the incidents service's ITSM intake, the path real
 * tools use. The intake is idempotent, so a restart replays nothing twice.
 */
export async function loadDemoIncidents(incidentsUrl: string, file = join(repoRoot(), 'examples', 'meetings', 'incidents.jsonl')): Promise<void> {
  const logger = new Logger('demo');
  const events = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const res = await fetch(`${incidentsUrl}/intake/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(events),
  });
  const body = (await res.json()) as { results?: Array<{ status: string }> };
  if (!res.ok) {
    logger.warn(`demo incidents not loaded (HTTP ${res.status}): ${JSON.stringify(body).slice(0, 500)}`);
    return;
  }
  const recorded = body.results?.filter((r) => r.status === 'recorded').length ?? 0;
  logger.log(`demo incidents: ${recorded} new events of ${events.length} from ${file}`);
}
