import { ENTITY_ID_DESCRIPTION, ENTITY_ID_PATTERN } from '../ids/entity-id.constant';
import { type Schema, type TextRule, string } from './schema.util';

/** Ids of incidents, services, customers, regions, parties and pause reasons. */
const id = (maxLength: number): TextRule => ({ maxLength, pattern: ENTITY_ID_PATTERN, patternName: ENTITY_ID_DESCRIPTION });

/**
 * The limits of every text field of an incident, in one place: the `incidents.events.v1`
 * payload schemas (so producers and consumers both check them, and a consumed event that
 * breaks one is dead-lettered), the incidents GraphQL inputs, the ITSM intake and timeline
 * JSON Lines all apply these. Change a limit here and every surface moves with it; the SDL
 * descriptions are checked against it by the incidents service's specs.
 */
export const INCIDENT_FIELD_RULES = {
  /** The incident's id: ours (`INC-…`) on the topic, the ITSM tool's at the intake. */
  incident: id(200),
  service: id(200),
  customer: id(200),
  region: id(200),
  /** Parties (teams and vendors of the catalogue). */
  assignee: id(200),
  to: id(200),
  /** Matched against the objectives' `pauseOn` lists, hence an id too. */
  reason: id(100),
  /** Free text; empty means no title. */
  title: { minLength: 0, maxLength: 2000 },
} as const satisfies Record<string, TextRule>;

export type IncidentTextField = keyof typeof INCIDENT_FIELD_RULES;

export const INCIDENT_LEVELS = ['high', 'medium', 'low'] as const;

/** The payload schema of one text field, as the topic checks it. */
export function incidentFieldSchema(field: IncidentTextField): Schema<string> {
  return string(INCIDENT_FIELD_RULES[field]);
}
