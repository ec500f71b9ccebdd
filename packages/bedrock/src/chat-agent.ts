import { BedrockagentAgent } from '@cdktf/provider-aws/lib/bedrockagent-agent';
import {
  BedrockagentAgentActionGroup,
  type BedrockagentAgentActionGroupFunctionSchema,
} from '@cdktf/provider-aws/lib/bedrockagent-agent-action-group';
import { BedrockagentAgentAlias } from '@cdktf/provider-aws/lib/bedrockagent-agent-alias';
import { BedrockagentAgentKnowledgeBaseAssociation } from '@cdktf/provider-aws/lib/bedrockagent-agent-knowledge-base-association';
import type { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import type { AgentSettings } from '@genai-sandbox/config';
import {
  ConstructEnvironment,
  type PolicyStatement,
  suppressPolicyRule,
} from '@genai-sandbox/core';
import {
  AGENT_ACTION_GROUP_NAME,
  AGENT_FUNCTIONS,
  type AgentFunction,
} from '@genai-sandbox/functions';
import { addStatements, type IGrantable, ServiceRole } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import type { AgentActionFunction } from './agent-action-function';
import type { Guardrail } from './guardrail';
import { foundationModelArn, type KnowledgeBase } from './knowledge-base';
import { projectCollectionName } from './names';
import {
  AGENT_INVOKE_ACTIONS,
  BEDROCK_INVOKE_ACTIONS,
  KNOWLEDGE_BASE_RETRIEVE_ACTIONS,
} from './perms';

export interface ChatAgentProps {
  readonly settings: AgentSettings;
  /** Base model ID of the agent. */
  readonly foundationModel: string;
  readonly guardrail: Guardrail;
  readonly knowledgeBase: KnowledgeBase;
  /** The action-group function: the agent gets the action group on it, and only this agent may invoke it. @default - no action group */
  readonly actionFunction?: AgentActionFunction;
}

/** The function schema of the action group, from the functions the handler answers. */
export function agentFunctionSchema(
  functions: readonly AgentFunction[] = Object.values(AGENT_FUNCTIONS),
): BedrockagentAgentActionGroupFunctionSchema[] {
  return [
    {
      memberFunctions: [
        {
          functions: functions.map((fn) => ({
            name: fn.name,
            description: fn.description,
            parameters: Object.entries(fn.parameters).map(([name, parameter]) => ({
              mapBlockKey: name,
              type: parameter.type,
              description: parameter.description,
              required: parameter.required,
            })),
          })),
        },
      ],
    },
  ];
}

/** The alias that applications invoke; promotion moves it from one agent version to another. */
export const AGENT_ALIAS_NAME = 'live';

export const AGENT_SIDS = {
  model: 'InvokeAgentModel',
  retrieve: 'RetrieveFromKnowledgeBase',
  guardrail: 'ApplyAgentGuardrail',
} as const;

/**
 * The project's chat agent: the configured model and instruction, the guardrail's published
 * version, the knowledge base (associated to the draft, which Bedrock prepares), and the alias
 * `live`, pinned to `aliasVersion` once configured. Without it (first deploy) Bedrock publishes
 * version 1 from the prepared draft when the alias is created; pinning it afterwards makes every
 * later version a deliberate change of configuration.
 */
export class ChatAgent extends Construct {
  readonly role: ServiceRole;
  readonly agent: BedrockagentAgent;
  readonly knowledgeBaseAssociation: BedrockagentAgentKnowledgeBaseAssociation;
  readonly alias: BedrockagentAgentAlias;
  /** With `actionFunction`: the function's resource policy statement for this agent. */
  readonly invokePermission?: LambdaPermission;
  /** With `actionFunction`: the action group on the agent's draft. */
  readonly actionGroup?: BedrockagentAgentActionGroup;

  constructor(scope: Construct, id: string, props: ChatAgentProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const name = `${projectCollectionName(this)}-agent`;
    this.role = new ServiceRole(this, 'Role', {
      purpose: 'bedrock-agent',
      description: `Bedrock agent of ${stack.projectName}`,
      service: 'bedrock.amazonaws.com',
      sourceArns: [`arn:aws:bedrock:${stack.region}:${stack.accountId}:agent/*`],
    });
    this.role.addToPolicy({
      Sid: AGENT_SIDS.model,
      Effect: 'Allow',
      Action: [...BEDROCK_INVOKE_ACTIONS],
      Resource: foundationModelArn(stack.region, props.foundationModel),
    });
    suppressPolicyRule(
      this.role.policy,
      'bedrock-invoke-requires-guardrail',
      "Bedrock agents apply the guardrail of their guardrail_configuration themselves (ApplyGuardrail on this guardrail, granted here); the model calls they make under this role carry no bedrock:GuardrailIdentifier. The agent's guardrail is this project's published version.",
    );
    this.role.addToPolicy({
      Sid: AGENT_SIDS.retrieve,
      Effect: 'Allow',
      Action: [...KNOWLEDGE_BASE_RETRIEVE_ACTIONS],
      Resource: props.knowledgeBase.knowledgeBaseArn,
    });
    props.guardrail.grantApply(this.role, AGENT_SIDS.guardrail);

    this.agent = new BedrockagentAgent(this, 'Resource', {
      agentName: name,
      description: `Chat agent of ${stack.projectName} over its knowledge base`,
      agentResourceRoleArn: this.role.roleArn,
      foundationModel: props.foundationModel,
      instruction: props.settings.instruction,
      idleSessionTtlInSeconds: props.settings.idleSessionTtlSeconds,
      guardrailConfiguration: [
        {
          guardrailIdentifier: props.guardrail.guardrailId,
          guardrailVersion: props.guardrail.versionNumber,
        },
      ],
      prepareAgent: true,
      dependsOn: [this.role.policy],
    });
    this.knowledgeBaseAssociation = new BedrockagentAgentKnowledgeBaseAssociation(
      this,
      'KnowledgeBase',
      {
        agentId: this.agent.agentId,
        agentVersion: 'DRAFT',
        knowledgeBaseId: props.knowledgeBase.knowledgeBaseId,
        knowledgeBaseState: 'ENABLED',
        description: `Documents of ${stack.projectName}; use them to answer and cite them`,
      },
    );
    if (props.actionFunction) {
      this.invokePermission = props.actionFunction.allowAgent(this.agent.agentArn);
      this.actionGroup = new BedrockagentAgentActionGroup(this, 'ActionGroup', {
        actionGroupName: AGENT_ACTION_GROUP_NAME,
        agentId: this.agent.agentId,
        agentVersion: 'DRAFT',
        actionGroupState: 'ENABLED',
        description: `Looks up records of the external API of ${stack.projectName}`,
        // The function's ARN attribute, not its predictable name: the group follows the function.
        actionGroupExecutor: [{ lambda: props.actionFunction.function.resource.arn }],
        functionSchema: agentFunctionSchema(),
        prepareAgent: true,
        // Destroy removes the group with the agent; Bedrock's in-use check would only block it.
        skipResourceInUseCheck: true,
        // Bedrock checks at creation that it may invoke the function; one preparation of the
        // draft at a time (the knowledge base association prepares it too).
        dependsOn: [this.invokePermission, this.knowledgeBaseAssociation],
      });
    }
    this.alias = new BedrockagentAgentAlias(this, 'Alias', {
      agentAliasName: AGENT_ALIAS_NAME,
      agentId: this.agent.agentId,
      description: props.settings.aliasVersion
        ? `Pinned to agent version ${props.settings.aliasVersion}`
        : 'Version published from the prepared draft at creation; pin it with agent.aliasVersion',
      ...(props.settings.aliasVersion
        ? { routingConfiguration: [{ agentVersion: props.settings.aliasVersion }] }
        : {}),
      // The version the alias publishes or routes to must include the knowledge base and the
      // action group.
      dependsOn: [this.knowledgeBaseAssociation, ...(this.actionGroup ? [this.actionGroup] : [])],
    });
  }

  /**
   * InvokeAgent through the alias `live` only, never the draft or another alias. The agent calls
   * its model, knowledge base and guardrail with its own role. Returns the statements added.
   */
  grantInvoke(grantee: IGrantable, sid = 'InvokeProjectAgent'): PolicyStatement[] {
    return addStatements(grantee, [
      {
        Sid: sid,
        Effect: 'Allow',
        Action: [...AGENT_INVOKE_ACTIONS],
        Resource: this.alias.agentAliasArn,
      },
    ]);
  }
}
