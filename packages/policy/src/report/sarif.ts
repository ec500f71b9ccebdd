import type { CheckReport, Violation } from '../run';

export interface SarifOptions {
  /** URI of a stack's synthesized file relative to the repository root, for code scanning. */
  readonly stackFileUri: (stack: string) => string;
  /** The line of a resource in that file, when known; code scanning needs a region to annotate. */
  readonly resourceLine?: (stack: string, address: string) => number | undefined;
  /**
   * Where the source creates the finding's construct, when known. It becomes the result's
   * location, and the synthesized file (generated, git-ignored) a related location.
   */
  readonly sourceLocation?: (
    stack: string,
    violation: Violation,
  ) => { readonly uri: string; readonly line: number } | undefined;
}

/** SARIF 2.1.0 for GitHub code scanning: one result per finding, suppressed ones marked in source. */
export function formatSarif(report: CheckReport, options: SarifOptions): string {
  const synthesized = (stack: string, violation: Violation) => ({
    artifactLocation: { uri: options.stackFileUri(stack) },
    region: { startLine: options.resourceLine?.(stack, violation.address) ?? 1 },
  });
  const locations = (stack: string, violation: Violation) => {
    const logicalLocations = [
      { fullyQualifiedName: `${stack}/${violation.address}`, kind: 'resource' },
    ];
    const source = options.sourceLocation?.(stack, violation);
    if (!source)
      return { locations: [{ physicalLocation: synthesized(stack, violation), logicalLocations }] };
    return {
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: source.uri },
            region: { startLine: source.line },
          },
          logicalLocations,
        },
      ],
      relatedLocations: [
        {
          id: 1,
          physicalLocation: synthesized(stack, violation),
          message: {
            text: `the synthesized resource ${violation.address}${violation.constructPath ? ` (construct ${violation.constructPath})` : ''}`,
          },
        },
      ],
    };
  };
  const result = (stack: string, violation: Violation, reason?: string) => ({
    ruleId: violation.ruleId,
    level: violation.severity === 'error' ? 'error' : 'warning',
    message: { text: `${violation.address}: ${violation.message}` },
    ...locations(stack, violation),
    partialFingerprints: { resource: `${stack}/${violation.address}/${violation.ruleId}` },
    ...(reason === undefined
      ? {}
      : { suppressions: [{ kind: 'inSource', justification: reason }] }),
  });
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'genai-sandbox-policy',
              rules: report.rules.map((rule) => ({
                id: rule.id,
                name: rule.id,
                shortDescription: { text: rule.title },
                fullDescription: { text: rule.explanation },
                help: { text: rule.fix },
                defaultConfiguration: { level: rule.severity === 'error' ? 'error' : 'warning' },
              })),
            },
          },
          results: report.stacks.flatMap((stack) => [
            ...stack.violations.map((violation) => result(stack.name, violation)),
            ...stack.suppressed.map((violation) => result(stack.name, violation, violation.reason)),
          ]),
        },
      ],
    },
    null,
    2,
  );
}
