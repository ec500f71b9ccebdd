import type { InferenceBlueprint, Release } from '@genai-sandbox/config';
import { PlatformStack } from '@genai-sandbox/core';
import { Annotations } from 'cdktf';
import type { Construct } from 'constructs';

/**
 * The release `environments/releases/<env>.json` pins for the stack's project and `blueprint`, or
 * undefined when there is none yet. Without a release the stack says so once (a synth warning
 * under the stack's line) and deploys no model or endpoint: it never invents one.
 */
export function releaseOf(scope: Construct, blueprint: InferenceBlueprint): Release | undefined {
  const stack = PlatformStack.of(scope);
  const project = stack.projectName;
  if (!project)
    throw new Error(
      `releaseOf(${blueprint}) in ${stack.node.id}: the stack has no project; inference blueprints are project blueprints`,
    );
  const manifest = stack.config.releases[stack.environment.name];
  const release = manifest?.releases.find(
    (candidate) => candidate.project === project && candidate.blueprint === blueprint,
  );
  if (!release)
    Annotations.of(stack).addWarning(
      `no release of ${blueprint} for project ${project} in environments/releases/${stack.environment.name}.json: the endpoint waits for a first release (platform promote writes it); the API route, roles and alarms are deployed without it`,
    );
  return release;
}

/** The version of a versioned model package ARN (its last path part). */
export function modelPackageVersion(modelPackageArn: string): string {
  return modelPackageArn.split('/').pop() ?? '';
}
