import {
  configurationFixture,
  type ConfigurationFixture,
  writeConfigurationFixture,
} from '@genai-sandbox/config/testing';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/cli';
import { SHARED_SYNTH_ENV } from './global-setup';

/** The repository root: where `npm run platform` runs. */
export const REPOSITORY_ROOT = join(__dirname, '..', '..', '..');

/**
 * Node's arguments that start the CLI from its TypeScript sources, as `npm run platform` did
 * before the compiled CLI: for the integration tests that need a process of its own.
 */
export const SOURCE_CLI_ARGS = [
  '--conditions=@genai-sandbox/source',
  '--import',
  'tsx',
  'tools/platform/src/main.ts',
] as const;

/** Two fixture apps: `demo` (account-level) and `genai-bedrock` (project-level). */
export const FIXTURE_APPS = join(__dirname, 'fixtures', 'apps');

/** Stacks of the two fixture apps over the fixture configuration (dev, test, prod; one project). */
export const ALL_FIXTURE_STACKS = [
  'demo-dev',
  'demo-prod',
  'demo-test',
  'genai-bedrock-fraud-detection-dev',
  'genai-bedrock-fraud-detection-prod',
  'genai-bedrock-fraud-detection-test',
];

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const created: string[] = [];

/**
 * A fresh directory, removed after the run: under the run's directory (global-setup.ts), which
 * the global teardown removes, since a test file shares this module with the files run before it
 * in its worker (jest.tiers.js). Without a run directory, under the system's temporary directory,
 * removed after the test file.
 */
export function tempDir(prefix = 'platform-cli-'): string {
  const runDir = process.env[SHARED_SYNTH_ENV];
  if (runDir) return mkdtempSync(join(runDir, prefix));
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

// Registered by the test files that import these helpers first in their worker (all of them
// under Jest's own runner). rmSync removes the symbolic links that terraform leaves in work
// directories without following them into the provider mirror.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI in this process, as main.ts does, collecting what it prints. */
export async function runCli(
  argv: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; appsDir?: string; concurrency?: number } = {},
): Promise<CliResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(argv, {
    cwd: options.cwd ?? tempDir(),
    env: options.env ?? {},
    appsDir: options.appsDir ?? FIXTURE_APPS,
    defaultConcurrency: options.concurrency ?? 2,
    output: { out: (text) => stdout.push(text), err: (text) => stderr.push(text) },
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** A working directory holding a valid configuration in `environments/`, optionally changed. */
export function workspace(change?: (fixture: ConfigurationFixture) => void): string {
  const cwd = tempDir();
  const fixture = configurationFixture();
  change?.(fixture);
  writeConfigurationFixture(fixture, join(cwd, 'environments'));
  return cwd;
}

/** Every file under `dir` (symbolic links as their target), by relative path: compares trees byte for byte. */
export function snapshotTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(dir, relative)).sort()) {
      const path = relative ? `${relative}/${entry}` : entry;
      const stat = lstatSync(join(dir, path));
      if (stat.isSymbolicLink()) files[path] = `-> ${readlinkSync(join(dir, path))}`;
      else if (stat.isDirectory()) walk(path);
      else files[path] = readFileSync(join(dir, path)).toString('base64');
    }
  };
  walk('');
  return files;
}

export function readJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/**
 * A stand-in `terraform` for tests of the runner: answers `version -json`, records each call
 * with the environment it got, and fails the steps named in FAKE_TF_FAIL ("validate:demo-dev").
 * In a batch directory (a main.tf.json calling one module per stack subdirectory) it answers for
 * every module as terraform does: diagnostics and plan addresses under `module.<stack>`, with the
 * warning about each module's ignored backend. The real binary is exercised once, in
 * terraform.integration.test.ts.
 */
export function fakeTerraform(): { bin: string; dir: string; log: string } {
  const dir = tempDir('fake-terraform-');
  const bin = join(dir, 'terraform');
  const log = join(dir, 'calls.log');
  const script = String.raw`#!/bin/sh
stack=$(basename "$PWD")
printf '%s|%s|%s|%s|%s|%s\n' "$stack" "$*" "$TF_CLI_CONFIG_FILE" "$AWS_ACCESS_KEY_ID" "$AWS_PROFILE" "$CHECKPOINT_DISABLE$TF_IN_AUTOMATION$TF_INPUT" >> "${log}"
if [ -f main.tf.json ]; then
  modules=""; failed=""
  for d in */; do m=${'${d%/}'}; modules="$modules $m"; case "$FAKE_TF_FAIL" in *"$1:$m"*) failed="$failed $m" ;; esac; done
  case "$1" in
    init) [ -n "$failed" ] && { echo "Error: fake init failure for$failed" >&2; exit 1; } ;;
    validate)
      diagnostics=""; sep=""
      for m in $modules; do
        diagnostics="$diagnostics$sep"'{"severity":"warning","summary":"Backend configuration ignored","range":{"filename":"'"$m"'/cdk.tf.json","start":{"line":3}}}'; sep=","
        case "$failed" in *" $m"*) diagnostics="$diagnostics"',{"severity":"error","summary":"Missing required argument","detail":"The argument \"value\" is required.","address":"module.'"$m"'.aws_ssm_parameter.Marker","range":{"filename":"'"$m"'/cdk.tf.json","start":{"line":42}}}' ;; esac
      done
      valid=true; [ -n "$failed" ] && valid=false
      echo '{"valid":'"$valid"',"diagnostics":['"$diagnostics"']}'
      [ -n "$failed" ] && exit 1 ;;
    plan) [ -n "$failed" ] && { echo "Error: fake plan failure in a batch" >&2; exit 1; }; echo plan > tfplan ;;
    show)
      children=""; changes=""; sep=""
      for m in $modules; do
        children="$children$sep"'{"address":"module.'"$m"'","resources":[{"address":"module.'"$m"'.aws_ssm_parameter.Marker","mode":"managed","type":"aws_ssm_parameter","name":"Marker","values":{"name":"/'"$m"'"}}]}'
        changes="$changes$sep"'{"address":"module.'"$m"'.aws_ssm_parameter.Marker","module_address":"module.'"$m"'","change":{"actions":["create"]}}'; sep=","
      done
      echo '{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{"child_modules":['"$children"']}},"resource_changes":['"$changes"'],"configuration":{}}' ;;
  esac
  exit 0
fi
case "$FAKE_TF_FAIL" in *"$1:$stack"*) fail=1 ;; *) fail=0 ;; esac
case "$1" in
  version) v=$FAKE_TF_VERSION; [ -z "$v" ] && v=1.11.4; echo '{"terraform_version":"'"$v"'","platform":"linux_amd64"}' ;;
  init) [ $fail = 1 ] && { echo "Error: fake init failure for $stack" >&2; exit 1; } ;;
  validate)
    if [ $fail = 1 ]; then
      echo '{"valid":false,"error_count":1,"warning_count":0,"diagnostics":[{"severity":"error","summary":"Missing required argument","detail":"The argument \"value\" is required.","address":"aws_ssm_parameter.Marker","range":{"filename":"cdk.tf.json","start":{"line":42}}}]}'
      exit 1
    fi
    echo '{"valid":true,"error_count":0,"warning_count":1,"diagnostics":[{"severity":"warning","summary":"Fake deprecation","detail":"Only a test."}]}' ;;
  plan) [ $fail = 1 ] && { echo "Error: fake plan failure for $stack" >&2; exit 1; }; echo plan > tfplan ;;
  show) echo '{"format_version":"1.2","resource_changes":[{"address":"aws_ssm_parameter.Marker","change":{"actions":["create"]}}]}' ;;
esac
exit 0
`;
  writeFileSync(bin, script);
  chmodSync(bin, 0o755);
  return { bin, dir, log };
}

/** A provider mirror with an empty stand-in for hashicorp/aws 5.100.0, enough for the layout check. */
export function fakeMirror(version = '5.100.0', platform = 'linux_amd64'): string {
  const mirror = tempDir('fake-mirror-');
  const dir = join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', version, platform);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `terraform-provider-aws_v${version}_x5`), '');
  return mirror;
}

/**
 * stderr without synth's configuration warnings (such as a project whose blueprints have no app
 * among the apps of the run), for tests that expect nothing else there.
 */
export function withoutConfigurationWarnings(stderr: string): string {
  return stderr.replace(
    /^Configuration \d+ warnings? \(synthesis goes on\):\n(?: {2}- .*(?:\n|$))*/m,
    '',
  );
}
