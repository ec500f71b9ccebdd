import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnvironmentFileInput } from './schemas/environment';
import type { PlatformConfig } from './schemas/platform';
import type { ReleaseManifest } from './schemas/release';

/** A complete, valid configuration as plain JSON values, for tests to change and write. */
export interface ConfigurationFixture {
  platform: PlatformConfig;
  environments: Record<string, EnvironmentFileInput>;
  releases: Record<string, ReleaseManifest>;
  /** Stored GenAI settings files (`genai/<version>.json`), by version. */
  genaiSettings?: Record<string, unknown>;
}

function environment(
  accountId: string,
  cidrOctet: number,
  preventDestroy: boolean,
): EnvironmentFileInput {
  return {
    accountId,
    region: 'eu-west-1',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    network: { vpcCidr: `10.${cidrOctet}.0.0/16` },
    stateBackend: { bucket: `genai-tfstate-${accountId}` },
    tags: { owner: 'ml-platform-team', costCenter: 'cc-4711' },
    preventDestroy,
    projects: [{ name: 'fraud-detection', profile: 'genai-full' }],
  };
}

/** dev -> test -> prod with placeholder accounts, one project, and no releases. */
export function configurationFixture(): ConfigurationFixture {
  return {
    platform: {
      name: 'genai',
      organizationId: 'o-a1b2c3d4e5',
      sharedServicesAccountId: '444444444444',
      promotionChain: ['dev', 'test', 'prod'],
      github: { organization: 'example-org', repository: 'genai-sandbox' },
      modelPackageGroups: [{ name: 'genai-llm-finetuned', description: 'Fine-tuned models' }],
      profiles: {
        'genai-full': {
          description: 'Every blueprint',
          blueprints: [
            'data-preprocessing',
            'model-training',
            'inference-realtime',
            'genai-bedrock',
          ],
        },
      },
    },
    environments: {
      dev: environment('111111111111', 10, false),
      test: environment('222222222222', 20, false),
      prod: environment('333333333333', 30, true),
    },
    releases: {},
  };
}

/** Writes a fixture as a configuration directory (platform.json, <env>.json, releases/) and returns its path. */
export function writeConfigurationFixture(
  fixture: ConfigurationFixture = configurationFixture(),
  dir?: string,
): string {
  const target = dir ?? mkdtempSync(join(tmpdir(), 'genai-config-'));
  mkdirSync(join(target, 'releases'), { recursive: true });
  const write = (path: string, value: unknown) =>
    writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  write(join(target, 'platform.json'), fixture.platform);
  for (const [name, value] of Object.entries(fixture.environments))
    write(join(target, `${name}.json`), value);
  for (const [name, value] of Object.entries(fixture.releases))
    write(join(target, 'releases', `${name}.json`), value);
  for (const [version, value] of Object.entries(fixture.genaiSettings ?? {})) {
    mkdirSync(join(target, 'genai'), { recursive: true });
    write(join(target, 'genai', `${version}.json`), value);
  }
  return target;
}
