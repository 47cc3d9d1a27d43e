/** One problem in the gateway config file, located by line, column and path. */
export interface ConfigProblem {
  line: number;
  column: number;
  /** Dotted path such as `tenants[0].budgets.mode`; empty for the document itself. */
  path: string;
  message: string;
}

/**
 * Thrown at boot when the gateway config (`GATEWAY_CONFIG`) cannot be parsed or validated.
 * The message names the variable, the file, and every problem's line and path.
 */
export class GovernanceConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      [
        `Invalid gateway config (GATEWAY_CONFIG=${source}):`,
        ...problems.map(
          (problem) =>
            `  ${source}:${problem.line}:${problem.column} ${problem.path || '(document)'}: ${problem.message}`,
        ),
      ].join('\n'),
    );
    this.name = 'GovernanceConfigError';
  }
}
