import { ORCHESTRATION_ERRORS, OrchestrationError, shown } from '../shared/orchestration-errors';
import { SMUS_PROJECT_ID } from '../shared/project-request';

/**
 * DataZone's project-creation event, as Amazon EventBridge delivers it to the default bus of the
 * domain's account. Source and detail type from the EventBridge events reference, "Amazon
 * DataZone events" (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-datazone.html:
 * "Project Creation Succeeded"). DataZone events carry the domain in `detail.metadata.domain` and
 * the entity in `detail.metadata.id`, with `detail.metadata.owningProjectId` where the entity
 * belongs to a project; the reference lists no detail schema for this event, so the project is
 * `owningProjectId` when present, else `id`, and GetProject confirms it either way.
 */
export const PROJECT_CREATED_EVENT = {
  source: 'aws.datazone',
  detailType: 'Project Creation Succeeded',
} as const;

/** DataZone domain identifiers (CreateDomain, `dzd_` or `dzd-` and up to 36 characters). */
export const DOMAIN_ID = /^dzd[-_][a-zA-Z0-9_-]{1,36}$/;

export interface ProjectCreated {
  readonly domainId: string;
  readonly projectId: string;
}

const objectAt = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/**
 * The domain and project of a project-creation event of `domainId`. Anything else (another
 * event, another domain, a missing project ID) fails with the field, the value received and
 * what the rule should have passed: the rule forwards the event unchanged, so such an input is
 * a rule or a hand-started execution gone wrong, never worth a retry.
 */
export function parseProjectCreatedEvent(input: unknown, domainId: string): ProjectCreated {
  const event = objectAt(input);
  const metadata = objectAt(objectAt(event?.detail)?.metadata);
  const projectId = metadata?.owningProjectId ?? metadata?.id;
  const problems: string[] = [];
  if (event?.source !== PROJECT_CREATED_EVENT.source)
    problems.push(`source is ${shown(event?.source)}, expected "${PROJECT_CREATED_EVENT.source}"`);
  if (event?.['detail-type'] !== PROJECT_CREATED_EVENT.detailType)
    problems.push(
      `detail-type is ${shown(event?.['detail-type'])}, expected "${PROJECT_CREATED_EVENT.detailType}"`,
    );
  if (metadata?.domain !== domainId)
    problems.push(
      `detail.metadata.domain is ${shown(metadata?.domain)}, expected the platform's domain "${domainId}"`,
    );
  if (typeof projectId !== 'string' || !SMUS_PROJECT_ID.test(projectId))
    problems.push(
      `detail.metadata.id is ${shown(projectId)}, expected a DataZone project ID (1-36 letters, digits, _ or -)`,
    );
  if (problems.length > 0) {
    throw new OrchestrationError(
      ORCHESTRATION_ERRORS.invalidInput,
      `DataZone event: ${problems.join('; ')}; start the state machine only from the project-creation rule, which passes the event unchanged`,
    );
  }
  return { domainId, projectId: projectId as string };
}
