/**
 * The third-party actions the workflows use, each pinned by the full commit SHA of a release tag:
 * a tag can be moved to other code, a commit cannot. The version is written next to the SHA as a
 * comment, so that a reader (and Dependabot or Renovate) sees which release it is.
 *
 * Each SHA was checked against several unrelated public repositories that pin the same tag (this
 * machine cannot reach GitHub to resolve tags itself). To update one, resolve the new tag's commit
 * (`git ls-remote https://github.com/<repo> refs/tags/<tag>`, the `^{}` line for annotated tags),
 * change it here and run `npm run platform -- workflows`.
 */
export interface PinnedAction {
  /** `owner/repo` or `owner/repo/path` as written before the `@`. */
  readonly action: string;
  /** The 40-character commit SHA the tag points to. */
  readonly sha: string;
  /** The release tag, written as the comment after the SHA. */
  readonly version: string;
}

export const ACTIONS = {
  checkout: {
    action: 'actions/checkout',
    sha: '08c6903cd8c0fde910a37f88322edcfb5dd907a8',
    version: 'v5.0.0',
  },
  setupNode: {
    action: 'actions/setup-node',
    sha: 'a0853c24544627f65ddf259abe73b1d18a591444',
    version: 'v5.0.0',
  },
  cache: {
    action: 'actions/cache',
    sha: '9255dc7a253b0ccc959486e2bca901246202afeb',
    version: 'v5.0.1',
  },
  setupTerraform: {
    action: 'hashicorp/setup-terraform',
    sha: 'b9cd54a3c349d3f38e8881555d616ced269862dd',
    version: 'v3.1.2',
  },
  configureAwsCredentials: {
    action: 'aws-actions/configure-aws-credentials',
    sha: 'a03048d87541d1d9fcf2ecf528a4a65ba9bd7838',
    version: 'v5.0.0',
  },
  uploadSarif: {
    action: 'github/codeql-action/upload-sarif',
    sha: '5d4e8d1aca955e8d8589aabd499c5cae939e33c7',
    version: 'v4.31.9',
  },
} as const satisfies Record<string, PinnedAction>;

/** `owner/repo@sha`, the value of a step's `uses:`. */
export function uses(action: PinnedAction): string {
  return `${action.action}@${action.sha}`;
}

/** The release tag of a `uses:` value, for the comment after it; undefined when not in ACTIONS. */
export function versionOf(usesValue: string): string | undefined {
  return Object.values(ACTIONS).find((action) => uses(action) === usesValue)?.version;
}
