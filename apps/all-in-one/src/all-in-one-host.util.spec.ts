import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigException } from '@underpin/platform';
import { startServices } from './all-in-one-host.util';

describe(startServices.name, () => {
  it("checks the platform's and every service's settings before it starts PostgreSQL or any service", async () => {
    const dataDir = join(tmpdir(), `underpin-never-started-${process.pid}-${Date.now()}`);
    const start = startServices({ env: { LOG_LEVEL: 'loud', NOTIFY_MAX_ATTEMPTS: '0', INCIDENT_EVENTS_BATCH: '0', UNDERPIN_EMBEDDED_PG_PORT: 'x' }, dataDir });
    await expect(start).rejects.toThrow(ConfigException);
    await expect(start).rejects.toMatchObject({
      problems: [
        'LOG_LEVEL: expected error, warn, log or debug',
        'UNDERPIN_EMBEDDED_PG_PORT: expected a non-negative integer, got "x"',
        'INCIDENT_EVENTS_BATCH: expected a whole number from 1 to 10000, got "0"',
        'NOTIFY_MAX_ATTEMPTS: expected a whole number ≥ 1, got "0"',
      ],
    });
    expect(existsSync(dataDir)).toBe(false);
  });
});
