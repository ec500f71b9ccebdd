/**
 * IAM actions and OpenSearch Serverless data access permissions of the Bedrock blueprint, in one
 * place (docs/architecture.md#conventions). Every IAM action here exists in the IAM catalogue the policy gate uses:
 * Converse and ConverseStream are not IAM actions, they are authorized by InvokeModel and
 * InvokeModelWithResponseStream.
 */
export const BEDROCK_INVOKE_ACTIONS = [
  'bedrock:InvokeModel',
  'bedrock:InvokeModelWithResponseStream',
] as const;

/** Data-plane access to a collection through IAM; the data access policy then decides what. */
export const AOSS_API_ACTIONS = ['aoss:APIAccessAll'] as const;

/** Starting and following ingestion jobs of one knowledge base. */
export const INGESTION_ACTIONS = ['bedrock:StartIngestionJob'] as const;

/** What an agent needs to apply its guardrail (agents call ApplyGuardrail themselves). */
export const APPLY_GUARDRAIL_ACTIONS = ['bedrock:ApplyGuardrail'] as const;

/** Retrieval from the agent's knowledge base at run time. */
export const KNOWLEDGE_BASE_RETRIEVE_ACTIONS = ['bedrock:Retrieve'] as const;

/** Conversations with an agent, through one of its aliases (the IAM resource is the alias). */
export const AGENT_INVOKE_ACTIONS = ['bedrock:InvokeAgent'] as const;

/** Data access policy permissions (not IAM actions) of each principal, the least each needs. */
export const DATA_ACCESS_PERMISSIONS = {
  /** Bedrock writes and reads vectors during ingestion and retrieval. */
  knowledgeBase: {
    collection: ['aoss:DescribeCollectionItems'],
    index: ['aoss:DescribeIndex', 'aoss:ReadDocument', 'aoss:WriteDocument'],
  },
  /** The CloudFormation execution role creates, updates and deletes the one vector index. */
  indexCreator: {
    collection: [],
    index: ['aoss:CreateIndex', 'aoss:DescribeIndex', 'aoss:UpdateIndex', 'aoss:DeleteIndex'],
  },
  /** The deploy role only inspects, so an engineer can verify the index after a deploy. */
  deploy: {
    collection: ['aoss:DescribeCollectionItems'],
    index: ['aoss:DescribeIndex'],
  },
} as const;

/** IAM side of the CloudFormation index handler (these actions have no resource type). */
export const AOSS_INDEX_ACTIONS = [
  'aoss:CreateIndex',
  'aoss:GetIndex',
  'aoss:UpdateIndex',
  'aoss:DeleteIndex',
] as const;

/** The action-group function reads its external API's credentials, and nothing else of the secret. */
export const SECRET_READ_ACTIONS = ['secretsmanager:GetSecretValue'] as const;

/** EventBridge Scheduler delivers a failed StartIngestionJob to its dead-letter queue as the schedule's role. */
export const SCHEDULE_DEAD_LETTER_ACTIONS = ['sqs:SendMessage'] as const;

/** Writing to a queue encrypted with a customer managed key. */
export const QUEUE_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;
