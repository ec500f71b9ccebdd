import type { ServerResponse } from 'node:http';
import { restJson, restJsonError } from '../protocols';
import type { AwsRequest, AwsTestServer, ServiceModule } from '../server';

export interface DataZoneProject {
  readonly domainId: string;
  readonly id: string;
  readonly name: string;
  readonly projectProfileId?: string;
}

export interface DataZoneProjectProfile {
  readonly domainId: string;
  readonly id: string;
  readonly name: string;
}

export interface DataZoneEnvironment {
  readonly domainId: string;
  readonly projectId: string;
  readonly id: string;
  readonly name: string;
  readonly awsAccountId: string;
  readonly awsAccountRegion: string;
  /** GetEnvironment's `provisionedResources`, such as the Tooling environment's `userRoleArn`. */
  readonly provisionedResources: readonly { name: string; value: string; type: string }[];
}

const ROUTES: readonly [string, RegExp][] = [
  ['GetProject', /^\/v2\/domains\/([^/]+)\/projects\/([^/]+)$/],
  ['GetProjectProfile', /^\/v2\/domains\/([^/]+)\/project-profiles\/([^/]+)$/],
  ['GetEnvironment', /^\/v2\/domains\/([^/]+)\/environments\/([^/]+)$/],
  ['ListEnvironments', /^\/v2\/domains\/([^/]+)\/environments$/],
];

/**
 * Amazon DataZone (SageMaker Unified Studio domains), REST-JSON: the reads of the project
 * orchestration, GetProject, GetProjectProfile, ListEnvironments (one page of `pageSize`, then
 * `nextToken`) and GetEnvironment, of the projects, profiles and environments put here. Only
 * `readers` (access key IDs) may call; others get AccessDeniedException, unknown identifiers
 * ResourceNotFoundException.
 */
export class DataZoneService implements ServiceModule {
  readonly name = 'datazone';
  private readonly projects: DataZoneProject[] = [];
  private readonly profiles: DataZoneProjectProfile[] = [];
  private readonly environments: DataZoneEnvironment[] = [];

  constructor(
    private readonly readers: readonly string[],
    private readonly pageSize = 50,
  ) {}

  addProject(project: DataZoneProject): void {
    this.projects.push(project);
  }

  addProjectProfile(profile: DataZoneProjectProfile): void {
    this.profiles.push(profile);
  }

  addEnvironment(environment: DataZoneEnvironment): void {
    this.environments.push(environment);
  }

  /** Forgets every project, profile and environment. */
  clear(): void {
    this.projects.length = 0;
    this.profiles.length = 0;
    this.environments.length = 0;
  }

  matches(request: AwsRequest): boolean {
    return request.signingName === 'datazone';
  }

  handle(request: AwsRequest, response: ServerResponse, server: AwsTestServer): void {
    const route = ROUTES.find(([, pattern]) => pattern.test(request.url.pathname));
    const action = route?.[0] ?? 'Unknown';
    const [, domainId, identifier] = (route?.[1].exec(request.url.pathname) ?? []).map((part) =>
      decodeURIComponent(part),
    );
    server.record(this.name, action, request.accessKeyId, identifier ?? domainId ?? '');
    if (!route || request.method !== 'GET')
      return restJsonError(
        response,
        404,
        'UnknownOperationException',
        `not faked: ${request.method} ${request.url.pathname}`,
      );
    const fault = server.takeFault(this.name, action);
    if (fault)
      return restJsonError(response, fault.status, fault.code, fault.message ?? fault.code);
    if (!request.accessKeyId || !this.readers.includes(request.accessKeyId))
      return restJsonError(
        response,
        403,
        'AccessDeniedException',
        `User is not authorized to perform: datazone:${action}`,
      );
    const notFound = (what: string) =>
      restJsonError(response, 404, 'ResourceNotFoundException', `${what} ${identifier} not found`);
    const inDomain = <T extends { domainId: string; id: string }>(items: readonly T[]) =>
      items.find((item) => item.domainId === domainId && item.id === identifier);

    if (action === 'GetProject') {
      const project = inDomain(this.projects);
      if (!project) return notFound('Project');
      return restJson(
        response,
        JSON.stringify({ ...project, createdBy: 'smus-user', projectStatus: 'ACTIVE' }),
      );
    }
    if (action === 'GetProjectProfile') {
      const profile = inDomain(this.profiles);
      if (!profile) return notFound('Project profile');
      return restJson(
        response,
        JSON.stringify({ ...profile, createdBy: 'admin', status: 'ENABLED' }),
      );
    }
    if (action === 'GetEnvironment') {
      const environment = inDomain(this.environments);
      if (!environment) return notFound('Environment');
      return restJson(
        response,
        JSON.stringify({
          ...environment,
          createdBy: 'smus-user',
          provider: 'Amazon SageMaker',
          status: 'ACTIVE',
        }),
      );
    }
    const projectId = request.url.searchParams.get('projectIdentifier');
    const all = this.environments.filter(
      (environment) => environment.domainId === domainId && environment.projectId === projectId,
    );
    const start = Number(request.url.searchParams.get('nextToken') ?? '0');
    const page = all.slice(start, start + this.pageSize);
    restJson(
      response,
      JSON.stringify({
        items: page.map(({ provisionedResources: _resources, ...summary }) => ({
          ...summary,
          createdBy: 'smus-user',
          provider: 'Amazon SageMaker',
          status: 'ACTIVE',
        })),
        ...(start + this.pageSize < all.length && { nextToken: String(start + this.pageSize) }),
      }),
    );
  }
}
