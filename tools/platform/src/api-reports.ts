import {
  CompilerState,
  Extractor,
  ExtractorConfig,
  type ExtractorMessage,
  ExtractorLogLevel,
  type IConfigFile,
} from '@microsoft/api-extractor';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { publishedPackages } from './published-packages';

/**
 * API reports: one `api/<name>.api.md` per entry point of each published package, written by
 * api-extractor from the built `.d.ts`. They are checked in, so that a change to a public construct
 * (a prop renamed, a type narrowed, an export dropped) shows in the pull request as a diff of
 * that file, and CI fails when a change to `src/` leaves the report behind.
 */

/** One entry point of a published package: an `exports` key with its built types. */
export interface ApiEntryPoint {
  /** `@genai-sandbox/core`, or `@genai-sandbox/core/testing` for the `./testing` export. */
  readonly importPath: string;
  /** The key of `exports`: `.` for the package's main entry point, `./testing`. */
  readonly subpath: string;
  /** The package folder, absolute. */
  readonly packageDir: string;
  /** The package.json, absolute. */
  readonly packageJsonPath: string;
  /** The built `.d.ts` that `exports[...].types` names, absolute. */
  readonly typesPath: string;
  /** The report's name without `.api.md`: `core`, `core-testing`. */
  readonly reportName: string;
}

/** The folder of a package that holds its reports, relative to the package. */
export const API_REPORT_DIR = 'api';

/**
 * Every entry point of every published package under `packagesDir`. The exports map is the one
 * list of entry points: a new export gets its report without anything else to register.
 */
export function apiEntryPoints(packagesDir: string): ApiEntryPoint[] {
  const entries: ApiEntryPoint[] = [];
  for (const pkg of publishedPackages(packagesDir)) {
    const unscoped = pkg.name.replace(/^@[^/]+\//, '');
    for (const [subpath, target] of Object.entries(pkg.manifest.exports ?? {})) {
      const types = typeof target === 'string' ? undefined : target.types;
      if (!types) {
        throw new Error(
          `${pkg.manifestPath}: exports["${subpath}"] has no "types" condition, so it has no API to report. ` +
            'Add "types": "./dist/<file>.d.ts" next to its "default".',
        );
      }
      const suffix = subpath === '.' ? '' : subpath.replace(/^\.\//, '').replace(/\//g, '-');
      entries.push({
        importPath: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
        subpath,
        packageDir: pkg.dir,
        packageJsonPath: pkg.manifestPath,
        typesPath: join(pkg.dir, types),
        reportName: suffix ? `${unscoped}-${suffix}` : unscoped,
      });
    }
  }
  return entries;
}

export interface ApiReportOptions {
  /** Compare only, and fail when a report differs (CI); otherwise rewrite the reports. */
  readonly check: boolean;
  /** Where the reports that differ are written in check mode, and the doc models always. */
  readonly tempDir: string;
  /** When set, each package's doc model (`<package>.api.json`) is written here for api-documenter. */
  readonly docModelDir?: string;
  /** Paths in messages are shown relative to it. */
  readonly cwd: string;
  readonly log: (line: string) => void;
}

export interface ApiReportResult {
  readonly entry: ApiEntryPoint;
  /** The report differs from the checked-in one (check), or was rewritten (update). */
  readonly changed: boolean;
  /** api-extractor errors: the entry's API could not be analysed. */
  readonly errors: readonly string[];
}

/**
 * The compiler settings of the analysis: the built `.d.ts` resolve their imports as a consumer's
 * would (no `@genai-sandbox/source` condition, so other packages come from their `dist/` too).
 */
const ANALYSIS_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022'],
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    // Some .d.ts name Node's types (NodeJS.ProcessEnv) without a reference directive.
    types: ['node'],
  },
};

/** Runs api-extractor on each entry point, one after the other (they share the machine). */
export function runApiReports(
  entries: readonly ApiEntryPoint[],
  options: ApiReportOptions,
): ApiReportResult[] {
  // The workspace's own TypeScript, so the analysis reads the .d.ts as tsc wrote them.
  const typescriptCompilerFolder = dirname(require.resolve('typescript/package.json'));
  // One program over every entry point: the packages share most of their .d.ts (cdktf, the
  // provider bindings, each other), which are then parsed once instead of once per entry.
  let compilerState: CompilerState | undefined;
  const present = entries.filter((entry) => existsSync(entry.typesPath));
  return entries.map((entry) => {
    const shown = relative(options.cwd, entry.typesPath);
    if (!existsSync(entry.typesPath)) {
      return {
        entry,
        changed: false,
        errors: [
          `${shown} does not exist (the "types" of ${entry.importPath}): build the packages first with "npm run build".`,
        ],
      };
    }
    // A new package has no api/ yet: the update creates it, the check reports the missing file.
    if (!options.check) mkdirSync(join(entry.packageDir, API_REPORT_DIR), { recursive: true });
    const config = ExtractorConfig.prepare({
      configObject: extractorConfig(entry, options),
      configObjectFullPath: undefined,
      packageJsonFullPath: entry.packageJsonPath,
    });
    compilerState ??= CompilerState.create(config, {
      typescriptCompilerFolder,
      additionalEntryPoints: present.map((other) => other.typesPath),
    });
    const errors: string[] = [];
    const result = Extractor.invoke(config, {
      localBuild: !options.check,
      typescriptCompilerFolder,
      compilerState,
      // In CI the log shows how each stale report differs.
      printApiReportDiff: options.check,
      messageCallback: (message: ExtractorMessage) => {
        message.handled = true;
        if (message.logLevel === ExtractorLogLevel.Error) errors.push(describe(message, options));
        else if (message.messageId === 'console-api-report-diff') options.log(message.text);
        // Its other console messages say what the summary of the caller says once for all.
        else if (message.logLevel === ExtractorLogLevel.Warning && !isConsoleMessage(message))
          options.log(`warning: ${describe(message, options)}`);
      },
    });
    return { entry, changed: result.apiReportChanged, errors };
  });
}

function extractorConfig(entry: ApiEntryPoint, options: ApiReportOptions): IConfigFile {
  return {
    projectFolder: entry.packageDir,
    mainEntryPointFilePath: entry.typesPath,
    compiler: { overrideTsconfig: { ...ANALYSIS_TSCONFIG, files: [entry.typesPath] } },
    apiReport: {
      enabled: true,
      reportFileName: entry.reportName,
      reportFolder: join(entry.packageDir, API_REPORT_DIR),
      reportTempFolder: join(options.tempDir, 'reports'),
    },
    // api-documenter keys the doc models by package name, so a package has one: its main entry
    // point's. The subpath entry points (test helpers) are in the reports and the package README.
    docModel:
      options.docModelDir && entry.subpath === '.'
        ? {
            enabled: true,
            apiJsonFilePath: join(options.docModelDir, `${entry.reportName}.api.json`),
          }
        : { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    newlineKind: 'lf',
    messages: {
      compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Warning } },
      extractorMessageReporting: {
        default: { logLevel: ExtractorLogLevel.Warning },
        // Every export is public: the packages have no @alpha/@beta stages to tag.
        'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None },
        // Doc coverage is the packages' README's concern; the report marks each item "(undocumented)".
        'ae-undocumented': { logLevel: ExtractorLogLevel.None },
        // Written into the report instead, where a reviewer sees the type that leaks unexported.
        'ae-forgotten-export': { logLevel: ExtractorLogLevel.None, addToApiReportFile: true },
      },
      // The doc comments are written for readers, not for TSDoc's grammar; the report keeps them out.
      tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
    },
  };
}

function isConsoleMessage(message: ExtractorMessage): boolean {
  return message.messageId.startsWith('console-');
}

function describe(message: ExtractorMessage, options: ApiReportOptions): string {
  const where = message.sourceFilePath
    ? `${relative(options.cwd, message.sourceFilePath)}:${message.sourceFileLine ?? 0}: `
    : '';
  return `${where}${message.text} (${message.messageId})`;
}
