// Types for file-roles.js (plain CommonJS, loaded by eslint.config.mjs; its spec imports it from TS).
import type { Rule } from 'eslint';

export declare const fileRolesRule: Rule.RuleModule;
/** Each role, with the ending its files' classes have (null: any name). */
export declare const ROLES: Readonly<Record<string, string | null>>;
export declare const BARE_NAMES: readonly string[];
/** TypeORM's class name for the migration `<timestamp>-<name>.ts`. */
export declare function migrationClassName(name: string, timestamp: string): string;
