import { MODEL_APPROVAL_EVENT } from '@genai-sandbox/config';

/**
 * The EventBridge pattern of an approval in SageMaker Model Registry (docs/architecture.md#event-flow,
 * step 2), limited to the platform's model package groups and, on a receiving bus, to the account
 * the approvals come from.
 */
export function modelApprovalPattern(groups: readonly string[], fromAccountId?: string): string {
  if (groups.length === 0)
    throw new Error('modelApprovalPattern needs at least one model package group');
  return JSON.stringify({
    ...(fromAccountId ? { account: [fromAccountId] } : {}),
    source: [MODEL_APPROVAL_EVENT.source],
    'detail-type': [MODEL_APPROVAL_EVENT.detailType],
    detail: {
      ModelPackageGroupName: [...groups],
      ModelApprovalStatus: [MODEL_APPROVAL_EVENT.approvedStatus],
    },
  });
}
