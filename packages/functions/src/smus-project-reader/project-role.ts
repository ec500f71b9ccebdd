import {
  type DataZoneClient,
  GetEnvironmentCommand,
  ListEnvironmentsCommand,
} from '@aws-sdk/client-datazone';
import { ORCHESTRATION_ERRORS, OrchestrationError } from '../shared/orchestration-errors';
import { IAM_ROLE_ARN } from '../shared/project-request';

/**
 * The name under which a SageMaker Unified Studio project's Tooling environment lists the
 * project role among its provisioned resources (GetEnvironment `provisionedResources`).
 */
export const PROJECT_ROLE_RESOURCE = 'userRoleArn';

export interface ProjectRole {
  readonly roleArn: string;
  readonly accountId: string;
}

/**
 * The project role of a project: the `userRoleArn` resource of its environments (the Tooling
 * environment creates it). Environments deploy after the project is created, so a project
 * without one yet is not ready (the state machine retries later), not an error.
 */
export async function projectRoleOf(
  client: DataZoneClient,
  domainId: string,
  projectId: string,
): Promise<ProjectRole> {
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListEnvironmentsCommand({
        domainIdentifier: domainId,
        projectIdentifier: projectId,
        nextToken,
      }),
    );
    for (const summary of page.items ?? []) {
      if (!summary.id) continue;
      const environment = await client.send(
        new GetEnvironmentCommand({ domainIdentifier: domainId, identifier: summary.id }),
      );
      const roleArn = environment.provisionedResources?.find(
        (resource) => resource.name === PROJECT_ROLE_RESOURCE,
      )?.value;
      if (roleArn && IAM_ROLE_ARN.test(roleArn))
        return { roleArn, accountId: roleArn.split(':')[4] };
    }
    nextToken = page.nextToken;
  } while (nextToken);
  throw new OrchestrationError(
    ORCHESTRATION_ERRORS.projectNotReady,
    `no environment of project ${projectId} lists a ${PROJECT_ROLE_RESOURCE} yet: its Tooling environment is still deploying`,
  );
}
