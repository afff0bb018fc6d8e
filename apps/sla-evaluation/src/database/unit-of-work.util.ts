import type { DataSource, EntityManager } from 'typeorm';
import { toSqlRunner, type Transactional } from '@underpin/messaging';

/** A transaction, plus work to do once it has committed (and only if it has). */
export interface UnitOfWork {
  manager: EntityManager;
  afterCommit(hook: () => void): void;
}

/**
 * Runs work in one transaction and then its after-commit hooks: waking the timer loop for a
 * timer it cannot see before the commit would only put it back to sleep.
 */
export function unitOfWork(dataSource: DataSource): Transactional<UnitOfWork> {
  return async (work) => {
    const hooks: Array<() => void> = [];
    const result = await dataSource.transaction((manager) => work({ manager, afterCommit: (hook) => hooks.push(hook) }, toSqlRunner(manager)));
    for (const hook of hooks) hook();
    return result;
  };
}
