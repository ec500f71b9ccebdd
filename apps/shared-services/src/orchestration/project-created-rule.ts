import { PROJECT_CREATED_EVENT } from '@genai-sandbox/functions';

/**
 * The EventBridge pattern of the orchestration's rule: DataZone's "Project Creation Succeeded"
 * (source and detail type from the EventBridge events reference, "Amazon DataZone events",
 * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-datazone.html) of one domain, by
 * `detail.metadata.domain`, the field in which DataZone events carry their domain.
 */
export function projectCreatedPattern(domainId: string): string {
  return JSON.stringify({
    source: [PROJECT_CREATED_EVENT.source],
    'detail-type': [PROJECT_CREATED_EVENT.detailType],
    detail: { metadata: { domain: [domainId] } },
  });
}
