import {
  DEFAULT_PRIORITY_MATRIX,
  type AgreementKind,
  type AgreementSpec,
  type ObjectiveSpec,
  type PriorityMatrix,
  type Window,
} from '@underpin/domain';
import type { CatalogReferences } from './catalog-references.util';
import { readDefinedId, readReference } from './catalog-sections.util';
import { readCredits, readExitTrigger, type AgreementContext } from './credits-section.util';
import { didYouMean } from './did-you-mean.util';
import { readObjective } from './objective-section.util';
import { entries, field, items, numberAt, report, scalar, text, type Cursor } from './yaml-cursor.util';

const LEVELS = ['high', 'medium', 'low'] as const;

export function readAgreement(cursor: Cursor, refs: CatalogReferences): AgreementSpec | undefined {
  const id = readDefinedId(cursor, 'agreement', refs);
  const kind = text(field(cursor, 'kind')) as AgreementKind | undefined;
  const provider = readReference(field(cursor, 'provider'), 'party', refs);
  const consumerAt = field(cursor, 'consumer');
  const consumer = readReference(consumerAt, 'party', refs);
  if (provider !== undefined && provider === consumer) {
    report(consumerAt as Cursor, 'provider and consumer must be different parties');
  }
  const service = readReference(field(cursor, 'service'), 'service', refs);
  const serviceClass = text(field(cursor, 'serviceClass'));
  const effective = readEffective(field(cursor, 'effective'));
  const window = (text(field(cursor, 'window')) as Window | undefined) ?? 'month';
  const timezone = field(cursor, 'timezone') ? text(field(cursor, 'timezone')) : 'UTC';
  const fee = readFee(field(cursor, 'fee'));
  const activeUsers = readActiveUsers(field(cursor, 'activeUsers'), service, refs);
  const priorityMatrix = readPriorityMatrix(field(cursor, 'priorityMatrix'));

  const objectiveItems = items(field(cursor, 'objectives'));
  const declared = declaredIds(objectiveItems, 'objective');
  const owner = { agreementId: id, window };
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

  const creditsAt = field(cursor, 'credits');
  const credits = creditsAt && readCredits(creditsAt, context);
  const triggerItems = items(field(cursor, 'exitTriggers'));
  declaredIds(triggerItems, 'exit trigger');
  const exitTriggers = triggerItems.map((item) => readExitTrigger(item, context));

  if (id === undefined || kind === undefined || provider === undefined || consumer === undefined) return undefined;
  if (timezone === undefined || effective === undefined || priorityMatrix === undefined) return undefined;
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

/** The ids the items declare, reporting each id declared twice in the list. */
function declaredIds(list: readonly Cursor[], noun: string): Set<string> {
  const ids = new Set<string>();
  for (const item of list) {
    const idAt = field(item, 'id');
    const id = scalar(idAt);
    if (typeof id !== 'string') continue;
    if (ids.has(id)) report(idAt as Cursor, `duplicate ${noun} id "${id}"`);
    ids.add(id);
  }
  return ids;
}

function readEffective(cursor: Cursor | undefined): AgreementSpec['effective'] | undefined {
  if (cursor === undefined) return {};
  const fromAt = field(cursor, 'from');
  const toAt = field(cursor, 'to');
  const from = text(fromAt);
  const to = text(toAt);
  if (from !== undefined && to !== undefined && to <= from) {
    report(toAt as Cursor, 'the agreement must end after it starts (to is exclusive)');
    return undefined;
  }
  if ((fromAt && from === undefined) || (toAt && to === undefined)) return undefined;
  return { ...(from !== undefined && { from }), ...(to !== undefined && { to }) };
}

function readFee(cursor: Cursor | undefined): AgreementSpec['fee'] {
  const monthly = numberAt(field(cursor, 'monthly'));
  const currency = text(field(cursor, 'currency'));
  return monthly === undefined || currency === undefined ? undefined : { monthly, currency };
}

/** Users per region; the regions must be the service's, checked once every file is read. */
function readActiveUsers(cursor: Cursor | undefined, service: string | undefined, refs: CatalogReferences): Record<string, number> {
  const users: Record<string, number> = {};
  for (const [region, at] of entries(cursor)) {
    const count = numberAt(at);
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

/** `default`, or the full impact → urgency → priority table the schema demands. */
function readPriorityMatrix(cursor: Cursor | undefined): PriorityMatrix | undefined {
  if (cursor === undefined || scalar(cursor) === 'default') return DEFAULT_PRIORITY_MATRIX;
  const matrix = Object.fromEntries(
    LEVELS.map((impact) => [impact, Object.fromEntries(LEVELS.map((urgency) => [urgency, text(field(field(cursor, impact), urgency))]))]),
  ) as Record<string, Record<string, string | undefined>>;
  const complete = LEVELS.every((impact) => LEVELS.every((urgency) => matrix[impact][urgency] !== undefined));
  return complete ? (matrix as PriorityMatrix) : undefined;
}
