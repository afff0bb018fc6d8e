import { METRIC_SAMPLE_FIELDS, METRIC_SAMPLE_SCHEMAS, didYouMean, eventSchema, isoInstantMs, type BatchedCall, type BatchedProbe, type MetricSampleType, type ValidationIssue } from '@underpin/contracts';
import { formatCatalogDuration } from '@underpin/domain';
import type { SourceKey } from '../keys/source-key.type';
import type { SampleRejectionDto } from './dto/ingest-response.dto';
import type { BodyItem } from './sample-body.util';

/** A sample that passed every check, split into where it belongs and what it says. */
export type CheckedSample =
  | { type: 'probe'; service: string; region: string; fields: BatchedProbe; atMs: number }
  | { type: 'call.quality'; service: string; region: string; fields: BatchedCall; atMs: number };

export interface SampleCheckContext {
  key: SourceKey;
  nowMs: number;
  /** INGEST_MAX_AHEAD */
  maxAheadMs: number;
}

const TYPES = Object.keys(METRIC_SAMPLE_SCHEMAS) as MetricSampleType[];
const ALLOWED: Record<MetricSampleType, ReadonlySet<string>> = { probe: new Set(METRIC_SAMPLE_FIELDS.probe), 'call.quality': new Set(METRIC_SAMPLE_FIELDS['call.quality']) };

/**
 * Checks one sample against the event format (the contract's schema, with no field it does
 * not know: a misspelt optional field would otherwise be dropped unnoticed), the service's
 * clock and the scope of the API key it came with. Every problem is named by its field.
 */
export function checkSample(item: BodyItem, context: SampleCheckContext): { ok: true; sample: CheckedSample } | { ok: false; rejections: SampleRejectionDto[] } {
  const reject = (problems: Array<Pick<SampleRejectionDto, 'path' | 'code' | 'reason'>>) => ({
    ok: false as const,
    rejections: problems.map((problem) => ({ index: item.index, ...(item.line !== undefined ? { line: item.line } : {}), ...problem })),
  });
  const value = item.value;
  if (!eventSchema.isPlainObject(value)) return reject([{ path: '', code: 'invalid', reason: `expected a sample: an object with "type" (${TYPES.join(' or ')}), got ${describe(value)}` }]);
  const type = value['type'];
  if (type === undefined) return reject([{ path: 'type', code: 'invalid', reason: `is required: ${TYPES.join(' or ')}` }]);
  if (typeof type !== 'string' || !(TYPES as string[]).includes(type)) {
    const hint = typeof type === 'string' && type.startsWith('incident.') ? '; incident events go to the incidents intake' : typeof type === 'string' ? didYouMean(type, TYPES) : '';
    return reject([{ path: 'type', code: 'invalid', reason: `must be ${TYPES.join(' or ')}, got ${JSON.stringify(type)}${hint}` }]);
  }
  const sampleType = type as MetricSampleType;
  const issues: ValidationIssue[] = [];
  METRIC_SAMPLE_SCHEMAS[sampleType].check(value, '', issues);
  const allowed = ALLOWED[sampleType];
  for (const field in value) {
    if (field !== 'type' && !allowed.has(field)) issues.push({ path: field, message: `is not a field of ${sampleType}${didYouMean(field, allowed)}` });
  }
  if (issues.length > 0) return reject(issues.map((issue) => ({ path: issue.path, code: 'invalid', reason: issue.message })));

  const { type: _type, service, region, ...fields } = value as { type: string; service: string; region: string; at: string };
  // The schema took it, so it reads.
  const atMs = isoInstantMs(fields.at)!;
  const problems: Array<Pick<SampleRejectionDto, 'path' | 'code' | 'reason'>> = [];
  if (atMs - context.nowMs > context.maxAheadMs) {
    const ahead = formatCatalogDuration(Math.ceil((atMs - context.nowMs) / 1000));
    problems.push({ path: 'at', code: 'too-far-ahead', reason: `lies ${ahead} ahead of the service's clock; at most ${formatCatalogDuration(context.maxAheadMs / 1000)} is taken (INGEST_MAX_AHEAD)` });
  }
  const { key } = context;
  if (!key.services.has(service)) {
    problems.push({ path: 'service', code: 'out-of-scope', reason: `API key ${key.id} may not send samples of ${service}; it may for ${[...key.services].join(', ')}` });
  } else if (key.regions.size > 0 && !key.regions.has(region)) {
    problems.push({ path: 'region', code: 'out-of-scope', reason: `API key ${key.id} may not send samples of region ${region}; it may for ${[...key.regions].join(', ')}` });
  }
  if (problems.length > 0) return reject(problems);
  return { ok: true, sample: { type: sampleType, service, region, fields, atMs } as CheckedSample };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  return `${typeof value} ${String(value)}`;
}
