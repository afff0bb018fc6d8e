import { Logger } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { startTelemetry, type TelemetryHandle } from '@underpin/telemetry';
import { TraceLoggerService, installTraceLogger, nestLogLevels } from './trace-logger.service';

const COLOR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

describe(TraceLoggerService.name, () => {
  let telemetry: TelemetryHandle;
  let written: string[];
  let write: jest.SpyInstance;

  beforeAll(() => {
    telemetry = startTelemetry({ serviceName: 'trace-logger-spec' });
  });

  afterAll(async () => {
    await telemetry.shutdown();
  });

  beforeEach(() => {
    written = [];
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk).replace(COLOR, '')) > 0);
  });

  afterEach(() => {
    write.mockRestore();
  });

  const inSpan = (work: () => void): string =>
    trace.getTracer('spec').startActiveSpan('request', (span) => {
      work();
      span.end();
      return span.spanContext().traceId;
    });

  it('ends each line written in a trace with its id, and leaves other lines alone', () => {
    const logger = new TraceLoggerService({ colors: false });
    const traceId = inSpan(() => logger.log('incident opened', 'incidents'));
    logger.log('listening', 'incidents');
    expect(written[0]).toMatch(new RegExp(`\\[incidents\\] incident opened trace=${traceId}\\n$`));
    expect(written[1]).toMatch(/\[incidents\] listening\n$/);
  });

  it('gives JSON lines a traceId field', () => {
    const logger = new TraceLoggerService({ json: true });
    const traceId = inSpan(() => logger.warn('slow', 'incidents'));
    expect(JSON.parse(written[0])).toMatchObject({ level: 'warn', context: 'incidents', message: 'slow', traceId });
  });

  it("becomes every Nest Logger's output, at the levels Nest is given afterwards", () => {
    installTraceLogger();
    Logger.overrideLogger(nestLogLevels('log'));
    const traceId = inSpan(() => new Logger('relay').log('published'));
    new Logger('relay').debug('not shown');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(new RegExp(`\\[relay\\] published trace=${traceId}\\n$`));
  });
});
