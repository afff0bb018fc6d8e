/** What the admission lets in at once. */
export interface AdmissionLimits {
  /** Body bytes being read and parsed, as received plus decompressed. */
  maxBytes: number;
  /** Accepted samples the bus has not acknowledged yet. */
  maxSamples: number;
}

/** The seconds a refused request is told to wait (`Retry-After`). */
export const RETRY_AFTER_SECONDS = 1;

/**
 * Bounds what the service holds in memory, whatever the load: the bytes of the bodies being
 * read and parsed, and the samples on their way to the bus. A request takes its share as it
 * goes (bytes as they arrive, samples once parsed) and is refused, to be answered 429, when
 * its share would carry a total past its limit while other requests hold some. One request
 * alone is always let in (its body is bounded by INGEST_BODY_LIMIT), so any request can pass.
 */
export class IngestionAdmissionService {
  private bytes = 0;
  private samples = 0;

  constructor(private readonly limits: AdmissionLimits) {}

  /** What is held now, for health and tests. */
  inFlight(): { bytes: number; samples: number } {
    return { bytes: this.bytes, samples: this.samples };
  }

  /** Whether a request should be turned away before anything of it is read. */
  full(): boolean {
    return this.bytes >= this.limits.maxBytes || this.samples >= this.limits.maxSamples;
  }

  /** One request's share; release() it whatever the outcome. */
  open(): AdmissionTicket {
    let bytes = 0;
    let samples = 0;
    return {
      takeBytes: (amount) => {
        const taken = this.take('bytes', amount, bytes);
        if (taken) bytes += amount;
        return taken;
      },
      takeSamples: (amount) => {
        const taken = this.take('samples', amount, samples);
        if (taken) samples += amount;
        return taken;
      },
      release: () => {
        this.bytes -= bytes;
        this.samples -= samples;
        bytes = 0;
        samples = 0;
      },
    };
  }

  private take(kind: 'bytes' | 'samples', amount: number, own: number): boolean {
    const [held, limit] = kind === 'bytes' ? [this.bytes, this.limits.maxBytes] : [this.samples, this.limits.maxSamples];
    if (held - own > 0 && held + amount > limit) return false;
    if (kind === 'bytes') this.bytes += amount;
    else this.samples += amount;
    return true;
  }
}

/** One request's share of the admission. */
export interface AdmissionTicket {
  /** False: the bytes would pass the limit while other requests hold some; nothing was taken. */
  takeBytes(amount: number): boolean;
  takeSamples(amount: number): boolean;
  /** Gives back all it took. */
  release(): void;
}
