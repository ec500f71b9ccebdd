/** Types of snapshot.cjs, for the tests. */
type Warn = (text: string) => void;
export declare function snapshotDirectory(root?: string, setting?: string): string;
export declare function snapshotKey(
  resolutionKey: string,
  options?: { root?: string; env?: NodeJS.ProcessEnv },
): string;
export declare function snapshotFor(
  argv: readonly string[],
  resolutionKey: string,
  options: { env?: NodeJS.ProcessEnv; warn: Warn; note?: Warn; root?: string },
): string | undefined;
export declare function ensureSnapshot(
  blob: string,
  options: { root?: string; warn: Warn; note?: Warn },
): string | undefined;
export declare function runFromSnapshot(
  blob: string,
  argv: readonly string[],
  options: { warn: Warn; fallback: () => void },
): void;
export declare function bundleCli(
  root: string,
  outfile: string,
  options?: { warmUp?: boolean },
): Promise<void>;
