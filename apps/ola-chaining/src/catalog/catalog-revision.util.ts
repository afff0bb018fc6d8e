import { createHash } from 'node:crypto';
import type { AgreementSpec, Catalog } from '@underpin/domain';

/**
 * JSON with object keys sorted at every level and undefined fields left out, so two equal
 * models give equal text whatever order their fields were built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, field]) => field !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The revision of a catalogue is the hash of its validated model, not of its files: a change
 * to comments, layout or file split that means the same is not a new version.
 */
export function catalogRevision(catalog: Catalog): string {
  return sha256(canonicalJson(catalog));
}

export function agreementRevision(agreement: AgreementSpec): string {
  return sha256(canonicalJson(agreement));
}

export interface AgreementChanges {
  /** New or changed agreements of `next` with their revision, in catalogue order. */
  published: Array<{ agreement: AgreementSpec; revision: string }>;
  /** Agreements of `previous` that `next` no longer has, with their last revision. */
  retired: Array<{ id: string; revision: string }>;
}

export function agreementChanges(previous: Catalog | undefined, next: Catalog): AgreementChanges {
  const before = new Map((previous?.agreements ?? []).map((agreement) => [agreement.id, agreementRevision(agreement)]));
  const nextIds = new Set(next.agreements.map((agreement) => agreement.id));
  return {
    published: next.agreements
      .map((agreement) => ({ agreement, revision: agreementRevision(agreement) }))
      .filter(({ agreement, revision }) => before.get(agreement.id) !== revision),
    retired: [...before].filter(([id]) => !nextIds.has(id)).map(([id, revision]) => ({ id, revision })),
  };
}
