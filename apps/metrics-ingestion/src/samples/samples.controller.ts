import type { IncomingMessage } from 'node:http';
import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { METRICS_INGESTION_CONFIG, type MetricsIngestionConfig } from '../config/metrics-ingestion.config';
import { ApiKeyAuthenticatorService } from '../keys/api-key-authenticator.service';
import { presentedApiKey } from '../keys/api-key.util';
import type { IngestErrorDto, IngestResponseDto } from './dto/ingest-response.dto';
import { IngestionAdmissionService, RETRY_AFTER_SECONDS } from './ingestion-admission.service';
import { bodyEncoding, bodyFormat, readRequestBody } from './request-body.util';
import { IngestSamplesUseCase } from './use-cases/ingest-samples/ingest-samples.use-case';

interface JsonResponse {
  status(code: number): JsonResponse;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
}

/** The path whose bodies this controller reads itself (the platform's JSON parser leaves it alone). */
export const SAMPLES_PATH = '/samples';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * `POST /samples`: a batch of `probe` and `call.quality` samples from one source, as a JSON
 * array or NDJSON, gzip or deflate accepted. The key is checked before anything of the body
 * is read, and the admission before it is read further; see docs/metrics-ingestion.md.
 */
@Controller('samples')
export class SamplesController {
  constructor(
    private readonly authenticator: ApiKeyAuthenticatorService,
    private readonly admission: IngestionAdmissionService,
    private readonly ingest: IngestSamplesUseCase,
    @Inject(METRICS_INGESTION_CONFIG) private readonly config: MetricsIngestionConfig,
  ) {}

  @Post()
  @HttpCode(200)
  async receive(@Req() req: IncomingMessage, @Res() res: JsonResponse): Promise<void> {
    const answer = (status: number, body: IngestResponseDto | IngestErrorDto, headers: Record<string, string> = {}) => {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      res.status(status).json(body);
    };
    const presented = presentedApiKey(req.headers);
    const key = presented.ok ? await this.authenticator.authenticate(presented.key) : undefined;
    if (key === undefined) {
      const message = presented.ok ? 'the API key is unknown or revoked' : presented.message;
      return answer(401, { error: 'unauthorized', message }, { 'WWW-Authenticate': 'Bearer realm="underpin-ingestion"' });
    }
    const idempotencyKey = idempotencyKeyOf(req.headers['idempotency-key']);
    if (idempotencyKey === null) return answer(400, { error: 'bad-request', message: 'Idempotency-Key must be 1 to 200 visible ASCII characters' });
    const format = bodyFormat(req.headers);
    if (!format.ok) return answer(format.status, { error: format.error, message: format.message });
    const encoding = bodyEncoding(req.headers);
    if (!encoding.ok) return answer(encoding.status, { error: encoding.error, message: encoding.message });
    if (this.admission.full()) {
      return answer(429, { error: 'overloaded', message: 'ingestion is at its limit of samples and bytes in flight; retry later' }, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
    }

    const ticket = this.admission.open();
    try {
      const read = await readRequestBody(req, { encoding: encoding.encoding, limitBytes: this.config.bodyLimitBytes, takeBytes: (amount) => ticket.takeBytes(amount) });
      if (!read.ok) return answer(read.status, { error: read.error, message: read.message }, read.status === 429 ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : {});
      const outcome = await this.ingest.execute({ key, format: format.format, body: read.body, ticket, ...(idempotencyKey !== undefined ? { idempotencyKey } : {}) });
      const headers: Record<string, string> = {};
      if ('retryAfterSeconds' in outcome) headers['Retry-After'] = String(outcome.retryAfterSeconds);
      if ('replayed' in outcome && outcome.replayed) headers['Idempotent-Replayed'] = 'true';
      return answer(outcome.status, outcome.body, headers);
    } finally {
      ticket.release();
    }
  }
}

/** The header's value, unquoted (it may be written as a structured-field string); null when unusable. */
function idempotencyKeyOf(header: string | string[] | undefined): string | undefined | null {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) return null;
  const trimmed = header.trim();
  const value = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  return IDEMPOTENCY_KEY.test(value) ? value : null;
}
