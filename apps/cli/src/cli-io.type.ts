/** The streams a command writes to; injected so commands run in-process in tests. */
export interface CliOutput {
  write(chunk: string): unknown;
}

export interface CliTerminalOutput extends CliOutput {
  /** True only on an interactive terminal: progress is drawn there and nowhere else. */
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: CliOutput;
  stderr: CliTerminalOutput;
}
