import { ConstructEnvironment } from '@genai-sandbox/core';
import type { IConstruct } from 'constructs';

/** OpenSearch Serverless collection and policy names: 3-32 characters, lower-case, starting with a letter. */
export const AOSS_NAME_PATTERN = /^[a-z][a-z0-9-]{2,31}$/;

/**
 * `<platform>-<env>-<project>`: the name of a project's vector collection and of the encryption,
 * network and data access policies that cover it. Deterministic, so the foundation stack can
 * write the security policies before the collection exists, and the blueprint stack can name
 * the same collection without reading foundation's state.
 */
export function vectorCollectionName(
  platform: string,
  environment: string,
  project: string,
): string {
  const name = `${platform}-${environment}-${project}`;
  if (!AOSS_NAME_PATTERN.test(name)) {
    throw new Error(
      `OpenSearch Serverless name "${name}" (platform "${platform}", environment "${environment}", project "${project}") has ${name.length} characters; collections and their policies allow 3-32 lower-case letters, digits and hyphens. Shorten the platform name in platform.json or the project name in ${environment}.json.`,
    );
  }
  return name;
}

/** The vector collection name of the project stack `scope` belongs to. */
export function projectCollectionName(scope: IConstruct): string {
  const stack = ConstructEnvironment.of(scope);
  if (!stack.projectName) {
    throw new Error(
      `${scope.node.path}: a vector collection belongs to a project; create it in a project stack`,
    );
  }
  return vectorCollectionName(stack.platform.name, stack.environment.name, stack.projectName);
}
