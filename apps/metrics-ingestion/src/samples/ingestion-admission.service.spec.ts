import { IngestionAdmissionService } from './ingestion-admission.service';

describe(IngestionAdmissionService.name, () => {
  it('refuses a share that would pass a limit while others hold some, and gives back what a request held', () => {
    const admission = new IngestionAdmissionService({ maxBytes: 1000, maxSamples: 10 });
    const first = admission.open();
    expect(first.takeBytes(600)).toBe(true);
    const second = admission.open();
    expect(second.takeBytes(500)).toBe(false);
    expect(second.takeBytes(400)).toBe(true);
    expect(admission.full()).toBe(true);
    second.release();
    expect(admission.inFlight()).toEqual({ bytes: 600, samples: 0 });
    expect(first.takeSamples(8)).toBe(true);
    const third = admission.open();
    expect(third.takeSamples(3)).toBe(false);
    first.release();
    expect(third.takeSamples(3)).toBe(true);
    third.release();
    expect(admission.inFlight()).toEqual({ bytes: 0, samples: 0 });
  });

  it('lets one request alone take more than a limit, so that any request can pass', () => {
    const admission = new IngestionAdmissionService({ maxBytes: 1000, maxSamples: 10 });
    const alone = admission.open();
    expect(alone.takeBytes(800)).toBe(true);
    expect(alone.takeBytes(800)).toBe(true);
    expect(alone.takeSamples(25)).toBe(true);
    expect(admission.full()).toBe(true);
    expect(admission.open().takeBytes(1)).toBe(false);
    alone.release();
    expect(admission.full()).toBe(false);
  });
});
