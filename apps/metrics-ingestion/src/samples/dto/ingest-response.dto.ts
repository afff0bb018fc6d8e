/** Why a sample was not accepted. */
export type RejectionCode =
  /** An NDJSON line that is not JSON. */
  | 'not-json'
  /** Not a sample of the event format: a field missing, mistyped, out of range or unknown. */
  | 'invalid'
  /** A service or region the request's API key may not send for. */
  | 'out-of-scope'
  /** Its `at` lies further ahead of the service's clock than INGEST_MAX_AHEAD. */
  | 'too-far-ahead';

/** One problem of one sample; a sample with several problems has several entries. */
export interface SampleRejectionDto {
  /** 0-based position of the sample in the batch (the array's index, or the NDJSON line's among the non-blank lines). */
  index: number;
  /** NDJSON only: the 1-based line of the body. */
  line?: number;
  /** The field at fault (`latencyMs`), '' for the sample as a whole. */
  path: string;
  code: RejectionCode;
  reason: string;
}

/**
 * The answer to a batch that could be read: 200 when every sample was accepted, 207 when
 * some (or all) were rejected. Accepted samples are on the bus, acknowledged by it.
 */
export interface IngestResponseDto {
  accepted: number;
  /** Samples rejected (not problems: a sample is counted once). */
  rejected: number;
  /** Every problem of every rejected sample, by index. */
  rejections: SampleRejectionDto[];
}

/** The answer to a request nothing of which was accepted (4xx, 5xx). */
export interface IngestErrorDto {
  error: string;
  message: string;
  /** Where a body that is not JSON breaks (1-based). */
  line?: number;
  column?: number;
  /** The element of the array it breaks in. */
  index?: number;
}
