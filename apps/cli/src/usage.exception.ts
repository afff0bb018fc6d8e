/** The command line itself is wrong: reported in one line with a pointer to `--help`. */
export class UsageException extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageException';
  }
}
