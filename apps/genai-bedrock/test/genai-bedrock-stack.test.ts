import { join } from 'node:path';
import { loadPlatformConfiguration, type PlatformConfiguration } from '@genai-sandbox/config';
import { planStacks } from '@genai-sandbox/core';
import {
  onlyResourceOfType,
  resourcesOfType,
  synthesize,
  testConfiguration,
} from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import { GenaiBedrockStack, platformApp } from '../src';

const EXAMPLE = join(__dirname, '../../../environments');
const DEPLOY_ROLE = 'arn:aws:iam::111111111111:role/genai-dev-github-deploy';

function synthStack(config: PlatformConfiguration, environmentName = 'dev') {
  const environment = config.environments.find((candidate) => candidate.name === environmentName);
  const project = environment?.projects.find((candidate) => candidate.name === 'fraud-detection');
  if (!environment || !project) throw new Error(`no fraud-detection in ${environmentName}`);
  const stack = new GenaiBedrockStack(Testing.app(), { config, environment, project });
  return { stack, json: synthesize(stack) };
}

type Json = ReturnType<typeof synthesize>;
const addressOf = (json: Json, type: string) => {
  const names = Object.keys(resourcesOfType(json, type));
  expect(names).toHaveLength(1);
  return `${type}.${names[0]}`;
};
const statementsOf = (json: Json, prefix: string) => {
  const entry = Object.entries(resourcesOfType(json, 'aws_iam_role_policy')).find(([id]) =>
    id.startsWith(prefix),
  );
  if (!entry) throw new Error(`no role policy ${prefix}`);
  return JSON.parse(entry[1].policy as string).Statement as Record<string, unknown>[];
};

describe('GenaiBedrockStack', () => {
  const { json } = synthStack(testConfiguration());

  it('names exactly the knowledge base, index creator and deploy roles in the data access policy', () => {
    const policy = onlyResourceOfType(json, 'aws_opensearchserverless_access_policy');
    expect(policy).toMatchObject({ name: 'genai-dev-fraud-detection', type: 'data' });
    const collection = 'collection/genai-dev-fraud-detection';
    const index = 'index/genai-dev-fraud-detection/knowledge-base';
    expect(JSON.parse(policy.policy as string)).toEqual([
      {
        Description: expect.any(String),
        Rules: [
          {
            ResourceType: 'collection',
            Resource: [collection],
            Permission: ['aoss:DescribeCollectionItems'],
          },
          {
            ResourceType: 'index',
            Resource: [index],
            Permission: ['aoss:DescribeIndex', 'aoss:ReadDocument', 'aoss:WriteDocument'],
          },
        ],
        Principal: [expect.stringMatching(/^\$\{aws_iam_role\.KnowledgeBaseRole_.*\.arn\}$/)],
      },
      {
        Description: expect.any(String),
        Rules: [
          {
            ResourceType: 'index',
            Resource: [index],
            Permission: [
              'aoss:CreateIndex',
              'aoss:DescribeIndex',
              'aoss:UpdateIndex',
              'aoss:DeleteIndex',
            ],
          },
        ],
        Principal: [expect.stringMatching(/^\$\{aws_iam_role\.VectorIndexRole_.*\.arn\}$/)],
      },
      {
        Description: expect.any(String),
        Rules: [
          {
            ResourceType: 'collection',
            Resource: [collection],
            Permission: ['aoss:DescribeCollectionItems'],
          },
          { ResourceType: 'index', Resource: [index], Permission: ['aoss:DescribeIndex'] },
        ],
        Principal: [DEPLOY_ROLE],
      },
    ]);
  });

  it('creates a VECTORSEARCH collection named as the foundation security policies expect', () => {
    const collection = onlyResourceOfType(json, 'aws_opensearchserverless_collection');
    expect(collection).toMatchObject({
      name: 'genai-dev-fraud-detection',
      type: 'VECTORSEARCH',
      standby_replicas: 'DISABLED',
    });
  });

  it('creates the index after the collection, the data access policy and the creator policy; the knowledge base after the index', () => {
    const index = onlyResourceOfType(json, 'aws_cloudformation_stack');
    expect(index.depends_on).toEqual(
      expect.arrayContaining([
        addressOf(json, 'aws_opensearchserverless_collection'),
        addressOf(json, 'aws_opensearchserverless_access_policy'),
        expect.stringMatching(/^aws_iam_role_policy\.VectorIndexRole_Policy_/),
      ]),
    );
    expect(onlyResourceOfType(json, 'aws_bedrockagent_knowledge_base').depends_on).toEqual(
      expect.arrayContaining([addressOf(json, 'aws_cloudformation_stack')]),
    );
  });

  it('creates the index through CloudFormation with a role limited to this collection', () => {
    const index = onlyResourceOfType(json, 'aws_cloudformation_stack');
    expect(index).toMatchObject({
      name: 'genai-dev-fraud-detection-vector-index',
      on_failure: 'DELETE',
      iam_role_arn: expect.stringContaining('aws_iam_role.VectorIndexRole_'),
    });
    const template = JSON.parse(index.template_body as string);
    const mapping = template.Resources.VectorIndex.Properties.Mappings.Properties;
    expect(mapping['bedrock-knowledge-base-default-vector']).toMatchObject({
      Type: 'knn_vector',
      Dimension: 1024,
      Method: { Engine: 'faiss' },
    });
    expect(statementsOf(json, 'VectorIndexRole_Policy')).toEqual([
      {
        Sid: 'CollectionApi',
        Effect: 'Allow',
        Action: ['aoss:APIAccessAll'],
        Resource: expect.stringContaining('aws_opensearchserverless_collection.'),
      },
      {
        Sid: 'ManageVectorIndex',
        Effect: 'Allow',
        Action: ['aoss:CreateIndex', 'aoss:GetIndex', 'aoss:UpdateIndex', 'aoss:DeleteIndex'],
        Resource: '*',
      },
    ]);
  });

  it('maps the knowledge base to the fields and dimensions of the index', () => {
    const kb = onlyResourceOfType(json, 'aws_bedrockagent_knowledge_base');
    expect(kb.storage_configuration).toEqual([
      {
        type: 'OPENSEARCH_SERVERLESS',
        opensearch_serverless_configuration: [
          {
            collection_arn: expect.stringContaining('aws_opensearchserverless_collection.'),
            vector_index_name: 'knowledge-base',
            field_mapping: [
              {
                vector_field: 'bedrock-knowledge-base-default-vector',
                text_field: 'AMAZON_BEDROCK_TEXT_CHUNK',
                metadata_field: 'AMAZON_BEDROCK_METADATA',
              },
            ],
          },
        ],
      },
    ]);
    expect(JSON.stringify(kb.knowledge_base_configuration)).toContain('"dimensions":1024');
    const source = onlyResourceOfType(json, 'aws_bedrockagent_data_source');
    expect(source).toMatchObject({
      data_deletion_policy: 'RETAIN',
      data_source_configuration: [
        {
          type: 'S3',
          s3_configuration: [
            {
              bucket_arn: 'arn:aws:s3:::genai-dev-fraud-detection-ml-111111111111',
              inclusion_prefixes: ['data/processed/knowledge-base/'],
            },
          ],
        },
      ],
      vector_ingestion_configuration: [
        {
          chunking_configuration: [
            {
              chunking_strategy: 'FIXED_SIZE',
              fixed_size_chunking_configuration: [{ max_tokens: 300, overlap_percentage: 20 }],
            },
          ],
        },
      ],
    });
  });

  it('schedules ingestion through the Scheduler universal target, as a role for this knowledge base only', () => {
    const schedule = onlyResourceOfType(json, 'aws_scheduler_schedule');
    expect(schedule).toMatchObject({
      schedule_expression: 'cron(0 4 * * ? *)',
      target: { arn: 'arn:aws:scheduler:::aws-sdk:bedrockagent:startIngestionJob' },
    });
    const role = Object.entries(resourcesOfType(json, 'aws_iam_role')).find(([id]) =>
      id.startsWith('Ingestion_Role'),
    )?.[1];
    expect(JSON.parse(role?.assume_role_policy as string).Statement[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': '111111111111' },
      ArnLike: {
        'aws:SourceArn': ['arn:aws:scheduler:eu-west-1:111111111111:schedule-group/default'],
      },
    });
    expect(statementsOf(json, 'Ingestion_Role_Policy')).toEqual([
      {
        Sid: 'StartIngestionOfThisKnowledgeBase',
        Effect: 'Allow',
        Action: ['bedrock:StartIngestionJob'],
        Resource: expect.stringMatching(/^\$\{aws_bedrockagent_knowledge_base\..*\.arn\}$/),
      },
      {
        Sid: 'SendFailedStartsToDeadLetterQueue',
        Effect: 'Allow',
        Action: ['sqs:SendMessage'],
        Resource: expect.stringMatching(/^\$\{aws_sqs_queue\.Ingestion_DeadLetterQueue_.*\.arn\}$/),
      },
      {
        Sid: 'EncryptDeadLetters',
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: '${var.platform_key_arn}',
      },
    ]);
  });

  it('requires the published guardrail version on every model call of the project role', () => {
    const guarded = statementsOf(json, 'InvokerRole_Policy').filter((statement) =>
      (statement.Action as string[]).some((action) => action.startsWith('bedrock:InvokeModel')),
    );
    expect(guarded).toHaveLength(2);
    for (const statement of guarded) {
      expect(statement.Condition).toMatchObject({
        StringEquals: {
          'bedrock:GuardrailIdentifier': expect.stringMatching(
            /^\$\{aws_bedrock_guardrail\..*\.guardrail_arn\}:\$\{aws_bedrock_guardrail_version\..*\.version\}$/,
          ),
        },
      });
    }
    expect(onlyResourceOfType(json, 'aws_bedrock_guardrail_version')).toMatchObject({
      skip_destroy: true,
    });
  });

  it('gives the agent the guardrail version, the knowledge base and an unpinned alias on first deploy', () => {
    const agent = onlyResourceOfType(json, 'aws_bedrockagent_agent');
    expect(agent).toMatchObject({
      agent_name: 'genai-dev-fraud-detection-agent',
      foundation_model: 'anthropic.claude-3-haiku-20240307-v1:0',
      prepare_agent: true,
      guardrail_configuration: [
        {
          guardrail_identifier: expect.stringContaining('.guardrail_id}'),
          guardrail_version: expect.stringContaining('aws_bedrock_guardrail_version.'),
        },
      ],
    });
    expect(
      onlyResourceOfType(json, 'aws_bedrockagent_agent_knowledge_base_association'),
    ).toMatchObject({
      agent_version: 'DRAFT',
      knowledge_base_state: 'ENABLED',
    });
    const alias = onlyResourceOfType(json, 'aws_bedrockagent_agent_alias');
    expect(alias).toMatchObject({ agent_alias_name: 'live' });
    expect(alias).not.toHaveProperty('routing_configuration');
  });

  it('pins the alias to the configured agent version', () => {
    const config = testConfiguration((fixture) => {
      (fixture.environments.dev as Record<string, unknown>).blueprints = {
        genaiBedrock: { agent: { aliasVersion: '3' } },
      };
    });
    const alias = onlyResourceOfType(synthStack(config).json, 'aws_bedrockagent_agent_alias');
    expect(alias.routing_configuration).toEqual([{ agent_version: '3' }]);
  });

  it('sizes the index for a fixed-dimension embedding model and leaves the dimension to the model', () => {
    const config = testConfiguration((fixture) => {
      (fixture.environments.dev as Record<string, unknown>).blueprints = {
        genaiBedrock: {
          knowledgeBase: {
            embeddingModel: 'amazon.titan-embed-text-v1',
            embeddingDimensions: 1536,
          },
        },
      };
    });
    const { json: fixed } = synthStack(config);
    const template = JSON.parse(
      onlyResourceOfType(fixed, 'aws_cloudformation_stack').template_body as string,
    );
    expect(
      template.Resources.VectorIndex.Properties.Mappings.Properties[
        'bedrock-knowledge-base-default-vector'
      ].Dimension,
    ).toBe(1536);
    const kb = onlyResourceOfType(fixed, 'aws_bedrockagent_knowledge_base');
    expect(kb.knowledge_base_configuration).toEqual([
      {
        type: 'VECTOR',
        vector_knowledge_base_configuration: [
          {
            embedding_model_arn:
              'arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v1',
          },
        ],
      },
    ]);
  });

  it('tags the inference profile with the project', () => {
    expect(onlyResourceOfType(json, 'aws_bedrock_inference_profile').tags).toMatchObject({
      project: 'fraud-detection',
    });
  });
});

describe('genai-bedrock app', () => {
  const example = loadPlatformConfiguration(EXAMPLE);

  it('gives a stack to each project whose profile includes the blueprint, and no other', () => {
    expect(planStacks([platformApp], example).map((stack) => stack.name)).toEqual([
      'genai-bedrock-fraud-detection-dev',
      'genai-bedrock-fraud-detection-test',
      'genai-bedrock-fraud-detection-prod',
    ]);
  });

  it.each(['dev', 'test', 'prod'])('matches the snapshot of the example %s stack', (name) => {
    expect(synthStack(example, name).json).toMatchSnapshot();
  });
});
