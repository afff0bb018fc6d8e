import { resolve } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { ROLES, fileRolesRule, migrationClassName } from './file-roles';

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

/** A case of the rule for the file at `path` (relative to the repository root) holding `code`. */
const at = (path: string, code = 'export {};\n') => ({ name: `${path}: ${code.trim()}`, filename: resolve(path), code });
const roles = Object.keys(ROLES).join(', ');

describe('file-roles', () => {
  it('names a migration class as TypeORM names the migration of a file', () => {
    expect(migrationClassName('add-tracked-page-index', '1766000000001')).toBe('AddTrackedPageIndex1766000000001');
    expect(migrationClassName('create-clocks', '1765000000000')).toBe('CreateClocks1765000000000');
  });

  tester.run('file-roles', fileRolesRule, {
    valid: [
      at('apps/incidents/src/incident/incident.resolver.ts', 'export class IncidentResolver {}'),
      at('apps/incidents/src/incident/use-cases/open-incident/open-incident.use-case.ts', 'export class OpenIncidentUseCase {}'),
      at('apps/incidents/src/incident/incident.module.ts', '@Module({}) export class IncidentModule {}'),
      at('apps/notifications/src/delivery/delivery-outbox.service.ts', '@Injectable() export class DeliveryOutboxService {}'),
      at('apps/notifications/src/escalation/events/notification-triggers.consumer.ts', '@Injectable() export class NotificationTriggersConsumer {}'),
      at('apps/sla-evaluation/src/timers/timer.entity.ts', "@Entity({ name: 'timers' }) export class TimerEntity {}"),
      at('libs/platform/src/graphql/graphql-error.filter.ts', '@Catch() @Injectable() export class GraphqlErrorFilter {}'),
      at('apps/cli/src/commands/validate.command.ts', 'export const validateCommand = {};'),
      // A util's classes are helpers: any name, and an exception may sit with the code that throws it.
      at('apps/cli/src/progress-bar.util.ts', 'export class ProgressBar {}'),
      at('apps/gateway/src/supergraph/compose-supergraph.util.ts', 'export class CompositionException extends Error {}'),
      at('apps/notifications/src/delivery/delivery-failed.exception.ts', 'export class DeliveryFailedException extends Error {}'),
      at('libs/platform/src/graphql/query-limit.exception.ts', 'export class QueryTooDeepException extends GraphQLError {}'),
      // A class nested in a function is not the file's own.
      at('libs/messaging/src/outbox/outbox-relay.service.ts', 'export class OutboxRelayService { run() { class Batch {} return new Batch(); } }'),
      // Specs name their subject's role; their test doubles carry any name and decorator.
      at('apps/notifications/src/delivery/channels/webhook-secrets.service.spec.ts', '@Injectable() class FakeReplica {}'),
      at('apps/incidents/test/incident-lifecycle.integration-spec.ts'),
      at('libs/messaging/src/kafka/kafka-event-bus.config.spec.ts'),
      at('libs/domain/src/periods/objective-builder.spec-helper.ts', 'export class ObjectiveBuilder {}'),
      at('bench/domain/clock.bench.ts'),
      at('apps/incidents/src/index.ts'),
      at('apps/incidents/src/main.ts'),
      at('apps/incidents/src/tracing.ts'),
      at('apps/incidents/src/database/data-source.ts'),
      at('libs/testing/src/global-setup.ts'),
      at('apps/gateway/src/supergraph/compose.main.ts'),
      at('apps/sla-evaluation/src/graphql/schema.type.ts'),
      at('tools/kafka/broker.d.ts', 'export declare class KafkaSetupException extends Error {}'),
      at(
        'apps/sla-evaluation/src/database/migrations/1766000000001-add-tracked-page-index.ts',
        'export class AddTrackedPageIndex1766000000001 implements MigrationInterface {}',
      ),
      at(
        'libs/platform/src/database/messaging-tables.migration.ts',
        'export function messagingTablesMigration() { return class CreateMessagingTables1763999999000 {}; }',
      ),
      { ...at('libs/contracts/src/catalog/problems.exception.ts', 'export class ProblemsError extends Error {}'), options: [{ allowClasses: ['ProblemsError'] }] },
      { ...at('libs/platform/src/graphql/user-input.exception.ts', 'export class NotFoundException extends Error {}'), options: [{ reservedFrom: ['no-such-package'] }] },
      // Only TypeScript files are named by role.
      { filename: resolve('tools/test/run-tests.js'), code: 'module.exports = {};' },
    ],
    invalid: [
      { ...at('apps/incidents/src/incident/incidentResolver.ts'), errors: [{ messageId: 'badName' }] },
      { ...at('apps/all-in-one/src/demo-data.ts'), errors: [{ messageId: 'badName' }] },
      { ...at('apps/incidents/src/incident/Incident.resolver.ts'), errors: [{ messageId: 'badName' }] },
      { ...at('apps/ola-chaining/src/catalog/catalog.mapper.ts'), errors: [{ messageId: 'unknownRole', data: { role: 'mapper', roles } }] },
      { ...at('apps/incidents/src/incident/incident.usecase.ts'), errors: [{ messageId: 'unknownRole', data: { role: 'usecase', roles } }] },
      { ...at('apps/ola-chaining/src/catalog/catalog.mapper.spec.ts'), errors: [{ messageId: 'unknownRole', data: { role: 'mapper', roles } }] },
      { ...at('apps/incidents/src/incident/incident.service.util.ts'), errors: [{ messageId: 'subjectRole' }] },
      { ...at('apps/incidents/src/database/migrations/add-index.ts'), errors: [{ messageId: 'badMigration' }] },
      { ...at('apps/incidents/src/database/migrations/1766000000000-AddIndex.ts'), errors: [{ messageId: 'badMigration' }] },
      { ...at('apps/incidents/src/database/migrations/migrations.util.ts'), errors: [{ messageId: 'badMigration' }] },
      { ...at('apps/incidents/src/1766000000000-add-index.ts'), errors: [{ messageId: 'strayMigration' }] },
      {
        ...at('apps/incidents/src/database/migrations/1766000000000-add-incident-page-index.ts', 'export class AddPageIndex1766000000000 {}'),
        errors: [{ messageId: 'migrationClass', data: { name: 'AddPageIndex1766000000000', expected: 'AddIncidentPageIndex1766000000000' } }],
      },
      {
        ...at('libs/platform/src/catalog/catalog-replica.migration.ts', 'export function m() { return class CreateCatalogReplica {}; }'),
        errors: [{ messageId: 'timestampedClass' }],
      },
      {
        ...at('apps/incidents/src/incident/timeline-writer.service.ts', '@Injectable() export class TimelineWriter {}'),
        errors: [{ messageId: 'classRole', data: { name: 'TimelineWriter', role: 'service', suffix: 'Service' } }],
      },
      {
        ...at('libs/platform/src/messaging/service-messaging.module.ts', '@Injectable() class RelayLifecycle {}\n@Module({}) export class ServiceMessagingModule {}'),
        errors: [{ messageId: 'decoratedRole' }, { messageId: 'classRole', data: { name: 'RelayLifecycle', role: 'module', suffix: 'Module' } }],
      },
      {
        ...at('libs/platform/src/config/platform.config.ts', 'export class ConfigError extends Error {}'),
        errors: [{ messageId: 'errorClass', data: { name: 'ConfigError', parent: 'Error' } }, { messageId: 'classRole', data: { name: 'ConfigError', role: 'config', suffix: 'Config' } }],
      },
      {
        ...at('libs/platform/src/graphql/user-input.exception.ts', 'export class InvalidValueError extends GraphQLError {}'),
        errors: [{ messageId: 'errorClass', data: { name: 'InvalidValueError', parent: 'GraphQLError' } }],
      },
      { ...at('apps/gateway/src/errors/subgraph.util.ts', 'class SubgraphErrors extends errors.GraphQLError {}'), errors: [{ messageId: 'errorClass' }] },
      { ...at('apps/cli/src/progress-bar.util.ts', 'export class BarError {}'), errors: [{ messageId: 'errorClass', data: { name: 'BarError', parent: 'nothing' } }] },
      { ...at('tools/run/supervisor.d.ts', 'export declare class SupervisorStoppedError extends Error {}'), errors: [{ messageId: 'errorClass' }] },
      // Nest's own names, read from what its packages export.
      {
        ...at('libs/platform/src/graphql/user-input.exception.ts', 'export class NotFoundException extends GraphQLError {}\nexport class ConflictException extends GraphQLError {}'),
        errors: [
          { messageId: 'nestName', data: { name: 'NotFoundException', module: '@nestjs/common' } },
          { messageId: 'nestName', data: { name: 'ConflictException', module: '@nestjs/common' } },
        ],
      },
      { ...at('apps/incidents/src/intake/intake.util.ts', 'class BadRequestException extends Error {}'), errors: [{ messageId: 'nestName' }] },
      { ...at('apps/cli/src/clock.util.ts', '@Injectable() export class Clock {}'), errors: [{ messageId: 'decoratedRole', data: { decorator: 'Injectable', name: 'Clock', roles: '.service.ts or .use-case.ts or .consumer.ts or .producer.ts or .resolver.ts or .filter.ts' } }] },
      { ...at('apps/incidents/src/incident/incident.service.ts', "@Entity('incidents') export class IncidentService {}"), errors: [{ messageId: 'decoratedRole', data: { decorator: 'Entity', name: 'IncidentService', roles: '.entity.ts' } }] },
      { ...at('apps/incidents/src/incident/incident.util.ts', '@Controller() export class IntakeController {}'), errors: [{ messageId: 'decoratedRole' }] },
      {
        ...at('apps/incidents/src/incident/incident.service.ts', '@Module({}) export class IncidentModule {}'),
        errors: [{ messageId: 'decoratedRole', data: { decorator: 'Module', name: 'IncidentModule', roles: '.module.ts' } }, { messageId: 'classRole' }],
      },
    ],
  });
});
