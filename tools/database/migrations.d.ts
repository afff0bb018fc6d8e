// Types for migrations.js (plain CommonJS, run by the Nx migration targets with bare `node`).
export type MigrationCommand = 'run' | 'revert' | 'generate' | 'create';
export declare function typeormArgs(projectRoot: string, command: MigrationCommand | string, name?: string): string[];
