import type { AgreementSpec, Catalog, ObjectiveRef } from '@underpin/domain';
import { didYouMean } from './did-you-mean.util';
import { locate, report, type Cursor } from './yaml-cursor.util';

export type IdKind = 'party' | 'calendar' | 'maintenance' | 'service' | 'agreement' | 'contact' | 'escalation';

interface Reference {
  kind: IdKind;
  id: string;
  at: Cursor;
}

interface UnderpinningRef {
  from: ObjectiveRef;
  to: ObjectiveRef;
  at: Cursor;
}

/**
 * Ids defined and referred to across every file of a catalogue. References are checked only
 * once all files are read, because a folder may define a calendar in one file and use it in
 * another.
 */
export class CatalogReferences {
  private readonly defined = new Map<IdKind, Map<string, Cursor>>();
  private readonly references: Reference[] = [];
  private readonly underpinnings: UnderpinningRef[] = [];
  private readonly deferred: Array<(catalog: Catalog) => void> = [];

  /** Records a definition, reporting a second one of the same id. */
  define(kind: IdKind, id: string, at: Cursor): void {
    const ids = this.idsOf(kind);
    const first = ids.get(id);
    if (first !== undefined) {
      const where = locate(first);
      report(at, `duplicate ${kind} id "${id}" (first defined at ${where.file}:${where.line ?? 1})`);
      return;
    }
    ids.set(id, at);
  }

  isDefined(kind: IdKind, id: string): boolean {
    return this.idsOf(kind).has(id);
  }

  refer(kind: IdKind, id: string, at: Cursor): void {
    this.references.push({ kind, id, at });
  }

  referObjective(from: ObjectiveRef, to: ObjectiveRef, at: Cursor): void {
    this.underpinnings.push({ from, to, at });
  }

  /** A check that needs the whole catalogue (a service's regions, a calendar's zone). */
  later(check: (catalog: Catalog) => void): void {
    this.deferred.push(check);
  }

  /** Runs every reference check and deferred check; problems land in the files that hold them. */
  check(catalog: Catalog): void {
    for (const { kind, id, at } of this.references) {
      const ids = this.idsOf(kind);
      if (!ids.has(id)) report(at, `unknown ${kind} "${id}"${didYouMean(id, ids.keys())}`);
    }
    this.checkUnderpinnings(catalog.agreements);
    for (const check of this.deferred) check(catalog);
  }

  private checkUnderpinnings(agreements: readonly AgreementSpec[]): void {
    const objectives = new Map<string, Set<string>>();
    for (const agreement of agreements) {
      if (!objectives.has(agreement.id)) objectives.set(agreement.id, new Set(agreement.objectives.map((o) => o.id)));
    }
    const valid: UnderpinningRef[] = [];
    for (const ref of this.underpinnings) {
      const { agreement, objective } = ref.to;
      const ofAgreement = objectives.get(agreement);
      if (ofAgreement === undefined) {
        report(ref.at, `unknown agreement "${agreement}" in "${agreement}/${objective}"${didYouMean(agreement, objectives.keys())}`);
      } else if (!ofAgreement.has(objective)) {
        report(ref.at, `agreement "${agreement}" has no objective "${objective}"${didYouMean(objective, ofAgreement)}`);
      } else if (agreement === ref.from.agreement && objective === ref.from.objective) {
        report(ref.at, 'an objective cannot underpin itself');
      } else {
        valid.push(ref);
      }
    }
    this.reportCycles(valid);
  }

  /** Underpinning is a DAG: a cycle would make attribution and feasibility walk forever. */
  private reportCycles(refs: readonly UnderpinningRef[]): void {
    const key = (ref: ObjectiveRef) => `${ref.agreement}/${ref.objective}`;
    const edges = new Map<string, UnderpinningRef[]>();
    for (const ref of refs) {
      const from = key(ref.from);
      edges.set(from, [...(edges.get(from) ?? []), ref]);
    }
    const state = new Map<string, 'open' | 'done'>();
    const trail: string[] = [];
    const visit = (node: string): void => {
      state.set(node, 'open');
      trail.push(node);
      for (const edge of edges.get(node) ?? []) {
        const next = key(edge.to);
        if (state.get(next) === 'open') {
          const cycle = [...trail.slice(trail.indexOf(next)), next].join(' → ');
          report(edge.at, `underpinning forms a cycle: ${cycle}`);
        } else if (!state.has(next)) {
          visit(next);
        }
      }
      trail.pop();
      state.set(node, 'done');
    };
    for (const node of edges.keys()) if (!state.has(node)) visit(node);
  }

  private idsOf(kind: IdKind): Map<string, Cursor> {
    let ids = this.defined.get(kind);
    if (ids === undefined) {
      ids = new Map();
      this.defined.set(kind, ids);
    }
    return ids;
  }
}
