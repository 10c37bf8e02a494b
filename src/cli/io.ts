// The process streams as the commands see them (tests pass buffers instead).
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly isStdOutTTY: boolean;
  readonly isStdErrTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export interface Command {
  /** the subcommand word, e.g. "run" */
  name: string;
  /** one line for the command list */
  summary: string;
  /** runs the command with the arguments after its name; resolves with the exit code */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
