import { METRIC_SAMPLE_FIELD_RULES, eventSchema, type ValidationIssue } from '@underpin/contracts';

/** Services or regions one key may name at most. */
export const MAX_SCOPE_ENTRIES = 100;

/** What `POST /admin/keys` takes. */
export interface CreateApiKeyDto {
  name: string;
  services: string[];
  /** Absent or empty: every region of its services. */
  regions?: string[];
}

const { array, object, optional, string } = eventSchema;

const schema = object({
  name: string({ maxLength: 200 }),
  services: array(string(METRIC_SAMPLE_FIELD_RULES.service), { minLength: 1, maxLength: MAX_SCOPE_ENTRIES }),
  regions: optional(array(string(METRIC_SAMPLE_FIELD_RULES.region), { maxLength: MAX_SCOPE_ENTRIES })),
});

const FIELDS = new Set(['name', 'services', 'regions']);

/** The body checked with the samples' own id rules: a key can only be scoped to what a sample can name. */
export function checkCreateApiKey(body: unknown): { ok: true; input: CreateApiKeyDto } | { ok: false; problems: ValidationIssue[] } {
  const checked = eventSchema.validate(schema, body, '');
  const problems = checked.ok ? [] : [...checked.issues];
  if (eventSchema.isPlainObject(body)) {
    for (const field of Object.keys(body)) if (!FIELDS.has(field)) problems.push({ path: field, message: `unknown field; expected ${[...FIELDS].join(', ')}` });
    if (checked.ok && body['name'] !== undefined && String(body['name']).trim() === '') problems.push({ path: 'name', message: 'must not be blank' });
  }
  if (problems.length > 0 || !checked.ok) return { ok: false, problems };
  const input = checked.value;
  return { ok: true, input: { name: input.name.trim(), services: [...new Set(input.services)], regions: [...new Set(input.regions ?? [])] } };
}
