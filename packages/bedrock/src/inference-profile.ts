import { BedrockInferenceProfile } from '@cdktf/provider-aws/lib/bedrock-inference-profile';
import { ConstructEnvironment, type PolicyStatement } from '@genai-sandbox/core';
import { addStatements, type IGrantable } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { GUARDRAIL_CONDITION_KEY, type Guardrail } from './guardrail';
import { BEDROCK_INVOKE_ACTIONS } from './perms';
import { foundationModelArn } from './knowledge-base';
import { projectCollectionName } from './names';

export interface ProjectInferenceProfileProps {
  /** Base model ID the profile copies from. */
  readonly modelId: string;
}

/**
 * The project's application inference profile (the SageMaker Unified Studio way to give a
 * project model access): a copy of the base model tagged with the project, so invocations through
 * it are billed and allowed per project.
 */
export class ProjectInferenceProfile extends Construct {
  readonly resource: BedrockInferenceProfile;
  readonly profileArn: string;
  readonly modelArn: string;

  constructor(scope: Construct, id: string, props: ProjectInferenceProfileProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const project = stack.projectName ?? 'shared';
    this.modelArn = foundationModelArn(stack.region, props.modelId);
    this.resource = new BedrockInferenceProfile(this, 'Resource', {
      name: projectCollectionName(this),
      description: `${props.modelId} for project ${project}`,
      modelSource: [{ copyFrom: this.modelArn }],
      // Cost allocation needs the tag on the profile itself; default tags would apply it too,
      // but naming it here keeps it when a provider's default tags change.
      tags: { project, 'inference-profile': 'application' },
    });
    this.profileArn = this.resource.arn;
  }

  /**
   * Invocation through this profile only, with the guardrail's published version. IAM checks
   * the profile and the model it routes to: the model only when reached through this profile
   * (`bedrock:InferenceProfileArn`), so the project cannot call the base model directly.
   */
  grantInvoke(
    grantee: IGrantable,
    guardrail: Guardrail,
    sid = 'InvokeThroughProjectProfile',
  ): PolicyStatement[] {
    const guarded = { [GUARDRAIL_CONDITION_KEY]: guardrail.versionedArn };
    return [
      ...addStatements(grantee, [
        {
          Sid: sid,
          Effect: 'Allow',
          Action: [...BEDROCK_INVOKE_ACTIONS],
          Resource: this.profileArn,
          Condition: { StringEquals: guarded },
        },
        {
          Sid: `${sid}Model`,
          Effect: 'Allow',
          Action: [...BEDROCK_INVOKE_ACTIONS],
          Resource: this.modelArn,
          Condition: {
            StringEquals: guarded,
            ArnEquals: { 'bedrock:InferenceProfileArn': this.profileArn },
          },
        },
      ]),
      ...guardrail.grantApply(grantee, `${sid}Guardrail`),
    ];
  }
}
