import {
  DataZoneClient,
  GetProjectCommand,
  GetProjectProfileCommand,
} from '@aws-sdk/client-datazone';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { jsonLogger, type Logger } from '../shared/log';
import { ORCHESTRATION_ERRORS, OrchestrationError } from '../shared/orchestration-errors';
import type { ProjectRequest } from '../shared/project-request';
import { parseProjectCreatedEvent } from './project-created-event';
import { platformProjectName } from './project-name';
import { projectRoleOf } from './project-role';
import {
  parseProjectReaderSetting,
  PROJECT_READER_ENVIRONMENT_VARIABLE,
  type ProjectReaderSetting,
} from './reader-setting';

export interface SmusProjectReaderDependencies {
  readonly client: DataZoneClient;
  readonly setting: ProjectReaderSetting;
  readonly log?: Logger;
}

/**
 * The first step of the project orchestration: from DataZone's project-creation event to the
 * platform's project entry. Reads the project (GetProject), its project profile
 * (GetProjectProfile), maps the profile to the platform's, finds the project role in the
 * project's environments and the platform environment of that role's account. Only reads:
 * DataZone shows nothing of the outcome (the service has no API to report a custom workflow's
 * result on a project), the state machine's execution and the alarm topic do.
 */
export function createSmusProjectReader(dependencies: SmusProjectReaderDependencies) {
  const { client, setting } = dependencies;
  const log = dependencies.log ?? jsonLogger;
  return async (event: unknown): Promise<ProjectRequest> => {
    const { domainId, projectId } = parseProjectCreatedEvent(event, setting.domainId);
    const project = await client.send(
      new GetProjectCommand({ domainIdentifier: domainId, identifier: projectId }),
    );
    const smusProjectName = project.name ?? projectId;
    if (!project.projectProfileId) {
      throw new OrchestrationError(
        ORCHESTRATION_ERRORS.projectNotProvisionable,
        `SMUS project ${JSON.stringify(smusProjectName)} (${projectId}) has no project profile; the platform provisions projects created with one of its profiles (${Object.keys(setting.profiles).join(', ')})`,
      );
    }
    const projectProfile = await client.send(
      new GetProjectProfileCommand({
        domainIdentifier: domainId,
        identifier: project.projectProfileId,
      }),
    );
    const mapped = setting.profiles[projectProfile.name ?? ''];
    if (!mapped) {
      throw new OrchestrationError(
        ORCHESTRATION_ERRORS.projectNotProvisionable,
        `SMUS project ${JSON.stringify(smusProjectName)} (${projectId}) uses project profile ${JSON.stringify(projectProfile.name)}, which is not one of the platform's (${Object.keys(setting.profiles).join(', ')}); add the profile to environments/platform.json "profiles" or create the project with one of those`,
      );
    }
    const name = platformProjectName(smusProjectName);
    const role = await projectRoleOf(client, domainId, projectId);
    const environment = setting.environments.find((candidate) =>
      mapped.environment === undefined
        ? candidate.accountId === role.accountId
        : candidate.name === mapped.environment,
    );
    if (!environment || environment.accountId !== role.accountId) {
      throw new OrchestrationError(
        ORCHESTRATION_ERRORS.projectNotProvisionable,
        `SMUS project ${JSON.stringify(smusProjectName)} (${projectId}) has its project role in account ${role.accountId}, ${
          environment
            ? `but its project profile ${JSON.stringify(projectProfile.name)} is the one of ${environment.name} (${environment.accountId}); fix the account of the profile's environment configurations`
            : `which is no platform environment's (${setting.environments.map((candidate) => `${candidate.name}: ${candidate.accountId}`).join(', ')}); point the project profile's environment configurations at an environment account`
        }`,
      );
    }
    log('info', 'project-read', {
      projectId,
      environment: environment.name,
      profile: mapped.profile,
    });
    return {
      environment: environment.name,
      name,
      profile: mapped.profile,
      blueprints: mapped.blueprints,
      smusProjectId: projectId,
      smusProjectName,
      smusProjectRoleArn: role.roleArn,
    };
  };
}

let deployed: ReturnType<typeof createSmusProjectReader> | undefined;

/** Lambda's entry point: the client and setting are built at the first event of a container. */
export async function handler(event: unknown): Promise<ProjectRequest> {
  if (!deployed) {
    const setting = parseProjectReaderSetting(process.env[PROJECT_READER_ENVIRONMENT_VARIABLE]);
    const client = new DataZoneClient({
      maxAttempts: 3,
      retryMode: 'standard',
      requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: 10_000 }),
    });
    deployed = createSmusProjectReader({ client, setting });
  }
  return deployed(event);
}
