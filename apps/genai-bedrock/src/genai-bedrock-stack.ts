import {
  AgentActionFunction,
  ChatAgent,
  DATA_ACCESS_PERMISSIONS,
  Guardrail,
  IngestionSchedule,
  KnowledgeBase,
  ProjectInferenceProfile,
  projectCollectionName,
  VectorCollection,
  VectorIndex,
} from '@genai-sandbox/bedrock';
import {
  effectiveGenaiSettings,
  type GenaiBedrockSettings,
  platformRoleArn,
} from '@genai-sandbox/config';
import {
  addOutput,
  FoundationInputs,
  PlatformStack,
  type StackContext,
  assertProjectContext,
} from '@genai-sandbox/core';
import {
  type ExternalRole,
  grantProjectMembers,
  PlatformKey,
  ServiceRole,
} from '@genai-sandbox/security';
import { MlBucketReference } from '@genai-sandbox/storage';
import type { Construct } from 'constructs';

export const GENAI_BEDROCK_APP = 'genai-bedrock';

/** The one vector index of a project's collection. */
export const VECTOR_INDEX_NAME = 'knowledge-base';

/**
 * The generative-AI Bedrock blueprint of one project: a knowledge base on an OpenSearch
 * Serverless vector collection fed from the project's ML bucket, a guardrail whose published
 * version IAM requires on every model call of the project's roles, a chat agent using both, and
 * the project's application inference profile.
 *
 * Order of creation (depends_on where Terraform cannot see it): the roles, the collection and
 * its data access policy; the vector index after the collection, the data access policy and the
 * creator role's policy (the encryption and network policies are foundation's, applied
 * before); the knowledge base after the index; the data source, the schedule and the agent after
 * the knowledge base; the action-group function and its secret before the agent, the function's
 * invoke permission (naming the agent) and the action group after it, the alias last.
 */
export class GenaiBedrockStack extends PlatformStack {
  readonly settings: GenaiBedrockSettings;
  readonly knowledgeBaseRole: ServiceRole;
  readonly collection: VectorCollection;
  readonly index: VectorIndex;
  readonly knowledgeBase: KnowledgeBase;
  readonly ingestion: IngestionSchedule;
  readonly guardrail: Guardrail;
  readonly inferenceProfile: ProjectInferenceProfile;
  readonly actionFunction: AgentActionFunction;
  readonly agent: ChatAgent;
  readonly invokerRole: ServiceRole;
  /** The project's SageMaker Unified Studio role, when configured: what its members get here. */
  readonly projectRole?: ExternalRole;

  constructor(scope: Construct, context: StackContext) {
    assertProjectContext(context, GENAI_BEDROCK_APP);
    super(scope, { ...context, app: GENAI_BEDROCK_APP });
    const { environment, config, project } = context;
    // The pinned, promoted version where releases/<env>.json pins one; else the environment's own.
    this.settings = effectiveGenaiSettings(config, environment).settings;
    const key = PlatformKey.fromEnvironment(this);
    // Where a service takes a key ARN and no alias (Lambda, log groups, the queues' IAM grants),
    // the platform key by its ARN from foundation's outputs.
    const keyByArn = PlatformKey.fromKeyArn(
      FoundationInputs.of(this).platformKeyArn,
      key.aliasName,
    );
    const bucket = MlBucketReference.ofProject(this);
    const collectionName = projectCollectionName(this);

    // The data access policy names these roles, so they exist before the collection.
    this.knowledgeBaseRole = new ServiceRole(this, 'KnowledgeBaseRole', {
      purpose: 'knowledge-base',
      description: `Bedrock knowledge base of ${project.name}: embeds and stores documents`,
      service: 'bedrock.amazonaws.com',
      sourceArns: [`arn:aws:bedrock:${this.region}:${this.accountId}:knowledge-base/*`],
    });
    const indexRole = VectorIndex.createRole(this, 'VectorIndexRole', collectionName);
    this.collection = new VectorCollection(this, 'VectorCollection', {
      indexName: VECTOR_INDEX_NAME,
      standbyReplicas: this.settings.knowledgeBase.standbyReplicas,
      dataAccess: [
        {
          description: 'Knowledge base: read and write vectors of the index',
          principalArn: this.knowledgeBaseRole.roleArn,
          ...DATA_ACCESS_PERMISSIONS.knowledgeBase,
        },
        {
          description: 'Index creator (CloudFormation): create, update and delete the index',
          principalArn: indexRole.roleArn,
          ...DATA_ACCESS_PERMISSIONS.indexCreator,
        },
        {
          description: 'Deploy role: inspect the index after a deploy',
          principalArn: platformRoleArn(config, environment, 'github-deploy'),
          ...DATA_ACCESS_PERMISSIONS.deploy,
        },
      ],
    });
    this.index = new VectorIndex(this, 'VectorIndex', {
      collection: this.collection,
      role: indexRole,
      dimensions: this.settings.knowledgeBase.embeddingDimensions,
      dependsOn: [this.collection.accessPolicy],
    });
    this.knowledgeBase = new KnowledgeBase(this, 'KnowledgeBase', {
      settings: this.settings.knowledgeBase,
      role: this.knowledgeBaseRole,
      collection: this.collection,
      index: this.index,
      bucket,
    });
    this.ingestion = new IngestionSchedule(this, 'Ingestion', {
      knowledgeBase: this.knowledgeBase,
      scheduleExpression: this.settings.knowledgeBase.ingestionSchedule,
      encryptionKey: keyByArn,
    });

    this.guardrail = new Guardrail(this, 'Guardrail', {
      settings: this.settings.guardrail,
      encryptionKey: key,
    });
    this.inferenceProfile = new ProjectInferenceProfile(this, 'InferenceProfile', {
      modelId: this.settings.generationModel,
    });
    this.actionFunction = new AgentActionFunction(this, 'AgentAction', {
      encryptionKey: keyByArn,
    });
    this.agent = new ChatAgent(this, 'Agent', {
      settings: this.settings.agent,
      foundationModel: this.settings.generationModel,
      guardrail: this.guardrail,
      knowledgeBase: this.knowledgeBase,
      actionFunction: this.actionFunction,
    });

    // The project's workloads (SageMaker Unified Studio apps and notebooks) call models through
    // the project's inference profile, with the guardrail, and the agent through its alias.
    this.invokerRole = new ServiceRole(this, 'InvokerRole', {
      purpose: 'genai-invoke',
      description: `Generative AI workloads of ${project.name}: guarded model calls, agent and knowledge base`,
      service: 'sagemaker.amazonaws.com',
    });
    this.invokerRole.grantBaseExecution();
    this.inferenceProfile.grantInvoke(this.invokerRole, this.guardrail);
    this.agent.grantInvoke(this.invokerRole);
    this.knowledgeBase.grantRetrieve(this.invokerRole);
    // Members get what the project's workloads get, and put the knowledge base's documents.
    this.projectRole = grantProjectMembers(this, [
      (role) => this.inferenceProfile.grantInvoke(role, this.guardrail),
      (role) => this.agent.grantInvoke(role),
      (role) => this.knowledgeBase.grantRetrieve(role),
      (role) => bucket.grantReadWrite(role, this.settings.knowledgeBase.dataPrefix),
    ]);
    this.declareOutputs();
  }

  private declareOutputs(): void {
    addOutput(this, 'knowledge_base_id', {
      value: this.knowledgeBase.knowledgeBaseId,
      description: 'ID of the project knowledge base',
    });
    addOutput(this, 'data_source_id', {
      value: this.knowledgeBase.dataSource.dataSourceId,
      description: 'ID of the S3 data source (for start-ingestion-job)',
    });
    addOutput(this, 'knowledge_base_data_uri', {
      value: MlBucketReference.ofProject(this).s3Uri(this.settings.knowledgeBase.dataPrefix),
      description: 'Where documents for the knowledge base go',
    });
    addOutput(this, 'vector_collection_endpoint', {
      value: this.collection.endpoint,
      description:
        'OpenSearch Serverless collection endpoint (reachable through the platform VPC endpoint)',
    });
    addOutput(this, 'vector_index_name', {
      value: this.index.indexName,
      description: 'Vector index of the knowledge base',
    });
    addOutput(this, 'guardrail_id', {
      value: this.guardrail.guardrailId,
      description: 'ID of the project guardrail',
    });
    addOutput(this, 'guardrail_version', {
      value: this.guardrail.versionNumber,
      description: 'Published guardrail version that IAM requires on model calls',
    });
    addOutput(this, 'guardrail_identifier', {
      value: this.guardrail.versionedArn,
      description:
        'Value of bedrock:GuardrailIdentifier the project roles must send (<arn>:<version>)',
    });
    addOutput(this, 'inference_profile_arn', {
      value: this.inferenceProfile.profileArn,
      description: 'Application inference profile the project invokes models through',
    });
    addOutput(this, 'agent_id', {
      value: this.agent.agent.agentId,
      description: 'ID of the chat agent',
    });
    addOutput(this, 'agent_alias_id', {
      value: this.agent.alias.agentAliasId,
      description: 'ID of the agent alias "live"',
    });
    addOutput(this, 'agent_alias_version', {
      value: this.agent.alias.routingConfiguration.get(0).agentVersion,
      description: 'Agent version the alias routes to (pin it with agent.aliasVersion)',
    });
    addOutput(this, 'agent_api_secret_arn', {
      value: this.actionFunction.secret.arn,
      description:
        'Secret of the external API the agent action group calls: put its value out of band (see the README)',
    });
    addOutput(this, 'agent_action_function_name', {
      value: this.actionFunction.function.functionName,
      description: 'Function of the agent action group',
    });
    addOutput(this, 'invoker_role_arn', {
      value: this.invokerRole.roleArn,
      description: 'Role of the project workloads: guarded model calls, agent and knowledge base',
    });
  }
}
