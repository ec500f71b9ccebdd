import { ORCHESTRATION_ERRORS, OrchestrationError, shown } from './orchestration-errors';

/**
 * What the project reader hands to the pull-request function (through the state machine): the
 * entry a SageMaker Unified Studio project gets in `environments/<environment>.json`, and what
 * the pull request says about it.
 */
export interface ProjectRequest {
  /** The platform environment whose file receives the project. */
  readonly environment: string;
  /** The platform project name (physical names), derived from the SMUS project name. */
  readonly name: string;
  /** The platform profile, from the SMUS project profile. */
  readonly profile: string;
  /** The blueprints of the profile, for the pull request's description. */
  readonly blueprints: readonly string[];
  /** The project's ID in SageMaker Unified Studio. */
  readonly smusProjectId: string;
  /** The project's name in SageMaker Unified Studio, as its members know it. */
  readonly smusProjectName: string;
  /** The project role that every blueprint stack of the project grants access. */
  readonly smusProjectRoleArn: string;
}

/** The platform's project names (packages/config `projectName`). */
export const PLATFORM_PROJECT_NAME = /^[a-z][a-z0-9-]{0,18}[a-z0-9]$/;
/** DataZone's project identifiers. */
export const SMUS_PROJECT_ID = /^[a-zA-Z0-9_-]{1,36}$/;
export const ENVIRONMENT_NAME = /^[a-z][a-z0-9]{1,9}$/;
export const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

const FIELDS: Readonly<Record<keyof ProjectRequest, (value: unknown) => boolean>> = {
  environment: (value) => typeof value === 'string' && ENVIRONMENT_NAME.test(value),
  name: (value) => typeof value === 'string' && PLATFORM_PROJECT_NAME.test(value),
  profile: (value) => typeof value === 'string' && value.length > 0,
  blueprints: (value) =>
    Array.isArray(value) && value.every((item) => typeof item === 'string' && item.length > 0),
  smusProjectId: (value) => typeof value === 'string' && SMUS_PROJECT_ID.test(value),
  smusProjectName: (value) => typeof value === 'string' && value.length > 0,
  smusProjectRoleArn: (value) => typeof value === 'string' && IAM_ROLE_ARN.test(value),
};

/**
 * The pull-request function's input, checked field by field: a state machine edited by hand
 * or a replayed old execution fails with the field and the value instead of a broken file.
 */
export function parseProjectRequest(input: unknown): ProjectRequest {
  const value =
    typeof input === 'object' && input !== null && !Array.isArray(input)
      ? (input as Record<string, unknown>)
      : {};
  const problems = Object.entries(FIELDS)
    .filter(([field, valid]) => !valid(value[field]))
    .map(([field]) => `${field} is ${shown(value[field])}`);
  if (problems.length > 0) {
    throw new OrchestrationError(
      ORCHESTRATION_ERRORS.invalidInput,
      `project request (the project reader's output): ${problems.join('; ')}; run the state machine from the DataZone event, whose first step writes a valid request`,
    );
  }
  return value as unknown as ProjectRequest;
}
