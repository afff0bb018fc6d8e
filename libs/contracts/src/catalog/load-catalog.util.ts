import type { Catalog } from '@underpin/domain';
import { LineCounter, parseDocument } from 'yaml';
import { readAgreement } from './agreement-section.util';
import { CATALOG_FORMATS } from './catalog-formats.util';
import { CatalogReferences } from './catalog-references.util';
import { API_VERSION, CATALOG_SCHEMA } from './catalog-schema.constant';
import { readCalendar, readMaintenance, readParty, readService } from './catalog-sections.util';
import { readContact, readEscalation } from './escalation-section.util';
import { sortProblems } from './format-problems.util';
import type { Problem } from './problem.type';
import { SchemaWalker } from './schema-walker.util';
import { field, items, report, YamlFile, type Cursor } from './yaml-cursor.util';

const WALKER = new SchemaWalker(CATALOG_SCHEMA, CATALOG_FORMATS);

export interface CatalogFile {
  /** As it should appear in problems: relative to where the user pointed, ideally. */
  path: string;
  text: string;
}

/** What the loader builds: the optional sections of the model are always present. */
type LoadedCatalog = Catalog & Required<Pick<Catalog, 'contacts' | 'escalations'>>;

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; problems: Problem[] };

/**
 * Loads a catalogue from one or more YAML files whose top-level lists are merged. Either
 * every file is valid and every reference resolves, or nothing is loaded and every problem
 * in every file is listed, in file and line order.
 */
export function loadCatalog(input: { files: readonly CatalogFile[] }): CatalogResult {
  const problems: Problem[] = [];
  if (input.files.length === 0) {
    return { ok: false, problems: [{ file: '', path: '', message: 'no catalogue files were given' }] };
  }
  const refs = new CatalogReferences();
  const catalog: LoadedCatalog = {
    apiVersion: API_VERSION,
    parties: [],
    calendars: [],
    maintenance: [],
    services: [],
    agreements: [],
    contacts: [],
    escalations: [],
  };
  const files: YamlFile[] = [];
  for (const { path, text } of input.files) {
    const file = parseYaml(path, text, problems);
    if (file === undefined) continue;
    files.push(file);
    readCatalogFile(file.root(), refs, catalog);
  }
  refs.check(catalog);
  for (const file of files) problems.push(...file.problems);
  return problems.length > 0 ? { ok: false, problems: sortProblems(problems, input.files.map((f) => f.path)) } : { ok: true, catalog };
}

/**
 * Syntax errors end the reading of that file: the structure after them is a guess, and
 * problems about a guessed structure would only mislead. Duplicate keys are the exception,
 * since the document around them is still sound.
 */
function parseYaml(path: string, text: string, problems: Problem[]): YamlFile | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  let fatal = false;
  for (const error of doc.errors) {
    const at = lines.linePos(error.pos[0]);
    const duplicateKey = error.code === 'DUPLICATE_KEY';
    fatal ||= !duplicateKey;
    problems.push({
      file: path,
      line: at.line,
      column: at.col,
      path: '',
      message: describeYamlError(error.code, error.message),
    });
  }
  return fatal ? undefined : new YamlFile(path, doc, lines);
}

function describeYamlError(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'this key is given twice in one mapping';
  if (code === 'MULTIPLE_DOCS') return 'a catalogue file holds one document; put each part in a file of its own instead of using ---';
  return `YAML syntax: ${message}`;
}

/** Checks the file against the schema, then builds the model from what it holds. */
function readCatalogFile(root: Cursor, refs: CatalogReferences, catalog: LoadedCatalog): void {
  if (root.node === null) {
    report(root, `the file is empty; expected a document starting with apiVersion: ${API_VERSION}`);
    return;
  }
  WALKER.walk(root);
  const read = <T>(key: string, item: (cursor: Cursor, refs: CatalogReferences) => T | undefined): T[] =>
    items(field(root, key)).flatMap((cursor) => item(cursor, refs) ?? []);
  catalog.parties.push(...read('parties', readParty));
  catalog.calendars.push(...read('calendars', readCalendar));
  catalog.maintenance.push(...read('maintenance', readMaintenance));
  catalog.services.push(...read('services', readService));
  catalog.agreements.push(...read('agreements', readAgreement));
  catalog.contacts.push(...read('contacts', readContact));
  catalog.escalations.push(...read('escalations', readEscalation));
}
