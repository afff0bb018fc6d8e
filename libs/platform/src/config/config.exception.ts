/** Settings that cannot be used, every problem listed at once so they are all fixed in one go. */
export class ConfigException extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigException';
  }
}
