/** The JSON types a schema's `type` names. */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/**
 * The part of JSON Schema (draft-07) the catalogue schema is written in, plus the two
 * keywords editors read beside it: `errorMessage` (the message a failure of this schema's
 * own keywords shows, as in VS Code's JSON and YAML language services) and
 * `markdownDescription` (hover text).
 */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $comment?: string;
  $ref?: string;
  title?: string;
  description?: string;
  markdownDescription?: string;
  errorMessage?: string;
  default?: unknown;
  examples?: unknown[];

  type?: JsonType | JsonType[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;

  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  minProperties?: number;
  maxProperties?: number;

  items?: JsonSchema;
  minItems?: number;
  uniqueItems?: boolean;
  contains?: JsonSchema;

  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  not?: JsonSchema;
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;

  definitions?: Record<string, JsonSchema>;
}
