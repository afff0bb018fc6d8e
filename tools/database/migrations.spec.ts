import { typeormArgs } from './migrations';

describe('migrations', () => {
  describe(typeormArgs.name, () => {
    it('runs and reverts one migration per transaction against the service data source', () => {
      expect(typeormArgs('apps/sla-evaluation', 'run')).toEqual(['migration:run', '--transaction', 'each', '-d', 'apps/sla-evaluation/src/database/data-source.ts']);
      expect(typeormArgs('apps/incidents', 'revert')).toEqual(['migration:revert', '--transaction', 'each', '-d', 'apps/incidents/src/database/data-source.ts']);
    });

    it('writes a generated or empty migration into the service migrations folder under its name', () => {
      expect(typeormArgs('apps/incidents', 'generate', 'add-priority-index')).toEqual([
        'migration:generate',
        '-d',
        'apps/incidents/src/database/data-source.ts',
        'apps/incidents/src/database/migrations/add-priority-index',
      ]);
      expect(typeormArgs('apps/notifications', 'create', 'add-digest')).toEqual(['migration:create', 'apps/notifications/src/database/migrations/add-digest']);
    });

    it('refuses a new migration without a kebab-case name', () => {
      expect(() => typeormArgs('apps/incidents', 'create', '')).toThrow('migration:create needs --name=<kebab-case name> (like add-incident-page-index), got ""');
      expect(() => typeormArgs('apps/incidents', 'generate')).toThrow('got ""');
      expect(() => typeormArgs('apps/incidents', 'generate', 'AddPriorityIndex')).toThrow('got "AddPriorityIndex"');
    });

    it('names the commands it knows when given another', () => {
      expect(() => typeormArgs('apps/incidents', 'show')).toThrow('the command is one of run, revert, generate, create, got "show"');
    });
  });
});
