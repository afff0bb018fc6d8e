import { DEFAULT_PRIORITY_MATRIX, type AgreementSpec, type ObjectiveSpec, type Priority, type PriorityMatrix } from '@underpin/domain';
import type { CatalogReferences } from './catalog-references.util';
import { AGREEMENT_KINDS, CATALOG_KEYS, LEVELS, PRIORITIES, WINDOWS } from './catalog-keys.constant';
import { readDefinedId } from './catalog-sections.util';
import { readDate, readTimezone } from './catalog-units.util';
import { readCredits, readExitTrigger, type AgreementContext } from './credits-section.util';
import { didYouMean } from './did-you-mean.util';
import { readObjective } from './objective-section.util';
import {
  declaredIds,
  readEnum,
  readId,
  readList,
  readMap,
  readNumber,
  readString,
  report,
  scalar,
  type Cursor,
} from './yaml-cursor.util';

const CURRENCY = /^[A-Z]{3}$/;

export function readAgreement(cursor: Cursor, refs: CatalogReferences): AgreementSpec | undefined {
  const fields = readMap(cursor, CATALOG_KEYS.agreement);
  if (fields === undefined) return undefined;
  const id = readDefinedId(fields, 'agreement', refs);
  const kindAt = fields.require('kind', `expected one of ${AGREEMENT_KINDS.join(', ')}`);
  const kind = kindAt && readEnum(kindAt, AGREEMENT_KINDS);
  const provider = readPartyRef(fields.require('provider', 'expected a party id'), refs);
  const consumer = readPartyRef(fields.require('consumer', 'expected a party id'), refs);
  if (provider !== undefined && provider === consumer) {
    report(fields.get('consumer') as Cursor, 'provider and consumer must be different parties');
  }
  const serviceAt = fields.get('service');
  const service = serviceAt && readId(serviceAt);
  if (serviceAt && service !== undefined) refs.refer('service', service, serviceAt);
  const serviceClassAt = fields.get('serviceClass');
  const serviceClass = serviceClassAt && readString(serviceClassAt);
  const effective = fields.get('effective') ? readEffective(fields.get('effective') as Cursor) : {};
  const windowAt = fields.get('window');
  const window = windowAt ? readEnum(windowAt, WINDOWS) : 'month';
  const zoneAt = fields.get('timezone');
  const timezone = zoneAt ? readTimezone(zoneAt) : 'UTC';
  const feeAt = fields.get('fee');
  const fee = feeAt && readFee(feeAt);
  const usersAt = fields.get('activeUsers');
  const activeUsers = usersAt ? readActiveUsers(usersAt, service, refs) : {};
  const matrixAt = fields.get('priorityMatrix');
  const priorityMatrix = matrixAt ? readPriorityMatrix(matrixAt) : DEFAULT_PRIORITY_MATRIX;

  const objectivesAt = fields.require('objectives', 'expected a list of objectives');
  const objectiveItems = (objectivesAt && readList(objectivesAt)) ?? [];
  if (objectivesAt && objectiveItems.length === 0 && objectivesAt.node) {
    report(objectivesAt, 'an agreement needs at least one objective');
  }
  const declared = declaredIds(objectiveItems, 'objective');
  const owner = { agreementId: id, window: window ?? 'month' };
  const objectives: ObjectiveSpec[] = [];
  for (const item of objectiveItems) {
    const objective = readObjective(item, refs, owner);
    if (objective !== undefined) objectives.push(objective);
  }
  const context: AgreementContext = {
    byId: new Map(objectives.map((o) => [o.id, o])),
    declared,
    hasActiveUsers: Object.keys(activeUsers).length > 0,
  };

  const creditsAt = fields.get('credits');
  const credits = creditsAt && readCredits(creditsAt, context);
  if (creditsAt && !feeAt) report(creditsAt, 'credits are shares of the monthly fee, so the agreement needs fee');
  const triggersAt = fields.get('exitTriggers');
  const triggerItems = (triggersAt && readList(triggersAt)) ?? [];
  declaredIds(triggerItems, 'exit trigger');
  const exitTriggers = triggerItems.map((item) => readExitTrigger(item, context));

  if (id === undefined || kind === undefined || provider === undefined || consumer === undefined) return undefined;
  if (window === undefined || timezone === undefined || effective === undefined || priorityMatrix === undefined) {
    return undefined;
  }
  const spec: AgreementSpec = {
    id,
    kind,
    provider,
    consumer,
    effective,
    window,
    timezone,
    activeUsers,
    priorityMatrix,
    objectives,
    exitTriggers: exitTriggers.filter((t) => t !== undefined),
  };
  if (service !== undefined) spec.service = service;
  if (serviceClass !== undefined) spec.serviceClass = serviceClass;
  if (fee !== undefined) spec.fee = fee;
  if (credits !== undefined) spec.credits = credits;
  return spec;
}

function readPartyRef(cursor: Cursor | undefined, refs: CatalogReferences): string | undefined {
  const id = cursor && readId(cursor);
  if (cursor && id !== undefined) refs.refer('party', id, cursor);
  return id;
}

function readEffective(cursor: Cursor): AgreementSpec['effective'] | undefined {
  const fields = readMap(cursor, CATALOG_KEYS.effective, 'expected dates like { from: "2026-01-01" }');
  if (fields === undefined) return undefined;
  const fromAt = fields.get('from');
  const toAt = fields.get('to');
  const from = fromAt && readDate(fromAt);
  const to = toAt && readDate(toAt);
  if (from !== undefined && to !== undefined && to <= from) {
    report(toAt as Cursor, 'the agreement must end after it starts (to is exclusive)');
    return undefined;
  }
  if ((fromAt && from === undefined) || (toAt && to === undefined)) return undefined;
  return { ...(from !== undefined && { from }), ...(to !== undefined && { to }) };
}

function readFee(cursor: Cursor): AgreementSpec['fee'] {
  const fields = readMap(cursor, CATALOG_KEYS.fee, 'expected a fee like { monthly: 120000, currency: SEK }');
  if (fields === undefined) return undefined;
  const monthlyAt = fields.require('monthly', 'expected the monthly fee, like 120000');
  const monthly = monthlyAt && readNumber(monthlyAt, { min: 0 });
  const currencyAt = fields.require('currency', 'expected a currency code like SEK');
  const currency = currencyAt && scalar(currencyAt);
  if (currencyAt && (typeof currency !== 'string' || !CURRENCY.test(currency))) {
    report(currencyAt, 'expected a three-letter currency code like SEK');
    return undefined;
  }
  return monthly === undefined || typeof currency !== 'string' ? undefined : { monthly, currency };
}

/** Users per region; the regions must be the service's, checked once every file is read. */
function readActiveUsers(cursor: Cursor, service: string | undefined, refs: CatalogReferences): Record<string, number> {
  const fields = readMap(cursor, 'any', 'expected users per region, like { eu-north: 800 }');
  if (fields === undefined) return {};
  const users: Record<string, number> = {};
  for (const region of fields.keys()) {
    const at = fields.get(region) as Cursor;
    const count = readNumber(at, { min: 0, integer: true });
    if (count !== undefined) users[region] = count;
    refs.later((catalog) => {
      const regions = catalog.services.find((s) => s.id === service)?.regions ?? [];
      if (regions.length > 0 && !regions.includes(region)) {
        report(at, `service "${service}" has no region "${region}"${didYouMean(region, regions)}`);
      }
    });
  }
  return users;
}

/** `default`, or a full impact → urgency → priority table: a gap would leave incidents unprioritised. */
function readPriorityMatrix(cursor: Cursor): PriorityMatrix | undefined {
  if (scalar(cursor) === 'default') return DEFAULT_PRIORITY_MATRIX;
  const expectation = 'expected default or a table like { high: { high: P1, medium: P2, low: P3 }, medium: {…}, low: {…} }';
  const fields = readMap(cursor, LEVELS, expectation);
  if (fields === undefined) return undefined;
  const matrix: Partial<Record<(typeof LEVELS)[number], Partial<Record<(typeof LEVELS)[number], Priority>>>> = {};
  let complete = true;
  for (const impact of LEVELS) {
    const rowAt = fields.require(impact, `expected urgencies mapped to priorities, like { high: P1, medium: P2, low: P3 }`);
    const row = rowAt && readMap(rowAt, LEVELS, 'expected urgencies mapped to priorities, like { high: P1, medium: P2, low: P3 }');
    if (row === undefined) {
      complete = false;
      continue;
    }
    matrix[impact] = {};
    for (const urgency of LEVELS) {
      const cellAt = row.require(urgency, `expected one of ${PRIORITIES.join(', ')}`);
      const priority = cellAt && readEnum(cellAt, PRIORITIES);
      if (priority === undefined) complete = false;
      else matrix[impact][urgency] = priority;
    }
  }
  return complete ? (matrix as PriorityMatrix) : undefined;
}
