import { Fn, TerraformVariable, Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import { PlatformStack } from './platform-stack';

/**
 * The foundation outputs other stacks of the same environment consume. Each is a Terraform output
 * of `foundation-<env>` and, in a consuming stack, a Terraform variable of the same name: the
 * deploy step copies the values from `terraform output -json` of foundation into a tfvars file,
 * and the offline plan writes `offlinePlaceholder` instead. Defined once here so that foundation's
 * outputs and the consumers' variables cannot drift apart: a rename breaks at compile time.
 */
export const FOUNDATION_INPUTS = {
  vpcId: {
    name: 'vpc_id',
    type: 'string',
    description: 'ID of the platform VPC',
    pattern: '^vpc-[0-9a-f]{8,17}$',
    example: 'vpc-0123456789abcdef0',
    offlinePlaceholder: 'vpc-00000000000000000',
  },
  privateSubnetIds: {
    name: 'private_subnet_ids',
    type: 'list(string)',
    description: 'Private subnets, one per availability zone',
    pattern: '^subnet-[0-9a-f]{8,17}$',
    example: 'subnet-0123456789abcdef0',
    // As many as an environment may have zones (the schema's maximum), so that every stack,
    // whatever its zone count, passes its "at least one per zone" validation offline.
    offlinePlaceholder: [1, 2, 3, 4, 5, 6].map((n) => `subnet-0000000000000000${n}`),
  },
  workloadSecurityGroupId: {
    name: 'workload_security_group_id',
    type: 'string',
    description: 'Security group for SageMaker jobs, endpoints and Lambda functions',
    pattern: '^sg-[0-9a-f]{8,17}$',
    example: 'sg-0123456789abcdef0',
    offlinePlaceholder: 'sg-00000000000000000',
  },
  platformKeyArn: {
    name: 'platform_key_arn',
    type: 'string',
    description: 'ARN of the platform KMS key',
    pattern: '^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$',
    example: 'arn:aws:kms:eu-west-1:111111111111:key/0123abcd-12ab-34cd-56ef-1234567890ab',
    offlinePlaceholder:
      'arn:aws:kms:eu-west-1:000000000000:key/00000000-0000-0000-0000-000000000000',
  },
} as const satisfies Record<string, FoundationInputSpec>;

export interface FoundationInputSpec {
  /** The foundation output's name and the consumer variable's name (snake_case). */
  readonly name: string;
  readonly type: 'string' | 'list(string)';
  readonly description: string;
  /** Every value (each element of a list) must match. */
  readonly pattern: string;
  /** Shown in validation messages. */
  readonly example: string;
  /** What an offline plan supplies: deterministic, valid, and never a real resource. */
  readonly offlinePlaceholder: string | readonly string[];
}

export type FoundationInput = keyof typeof FOUNDATION_INPUTS;

/** Variable name -> offline placeholder, for every foundation input. */
export function foundationInputPlaceholders(): Record<string, string | readonly string[]> {
  return Object.fromEntries(
    Object.values(FOUNDATION_INPUTS).map((spec) => [spec.name, spec.offlinePlaceholder]),
  );
}

/**
 * The foundation outputs one stack reads, as typed Terraform variables named like the outputs.
 * Variables are declared on first use, so a stack asks only for what it needs; each is validated
 * by Terraform before anything is planned (IDs match their pattern; at least one private subnet
 * per availability zone of the environment). Foundation itself never consumes them.
 *
 * Variables live directly in the stack: a stack-level construct ID is the variable's name, as it
 * is for outputs (`addOutput`).
 */
export class FoundationInputs {
  private static readonly instances = new WeakMap<PlatformStack, FoundationInputs>();
  private readonly variables = new Map<FoundationInput, TerraformVariable>();

  /** The inputs of the stack `scope` belongs to (one instance per stack). */
  static of(scope: IConstruct): FoundationInputs {
    const stack = PlatformStack.of(scope);
    if (stack.app === 'foundation') {
      throw new Error(
        `${scope.node.path}: the foundation stack produces the foundation inputs; use its own resources, not FoundationInputs`,
      );
    }
    let inputs = FoundationInputs.instances.get(stack);
    if (!inputs) {
      inputs = new FoundationInputs(stack);
      FoundationInputs.instances.set(stack, inputs);
    }
    return inputs;
  }

  private constructor(private readonly stack: PlatformStack) {}

  /** `${var.vpc_id}`. */
  get vpcId(): string {
    return this.variable('vpcId').stringValue;
  }

  /** The VPC's ARN, the value of the `ec2:Vpc` condition key. */
  get vpcArn(): string {
    return `arn:aws:ec2:${this.stack.region}:${this.stack.accountId}:vpc/${this.vpcId}`;
  }

  /** `${var.private_subnet_ids}`. */
  get privateSubnetIds(): string[] {
    return this.variable('privateSubnetIds').listValue;
  }

  /** The private subnet of zone `index` (0-based); the validation guarantees it exists. */
  privateSubnetId(index: number): string {
    const zones = this.stack.environment.availabilityZones.length;
    if (!Number.isInteger(index) || index < 0 || index >= zones) {
      throw new Error(
        `FoundationInputs.privateSubnetId(${index}) in ${this.stack.node.id}: environment ${this.stack.environment.name} has ${zones} availability zones; use an index from 0 to ${zones - 1}`,
      );
    }
    return Token.asString(Fn.element(this.variable('privateSubnetIds').listValue, index));
  }

  /** `${var.workload_security_group_id}`. */
  get workloadSecurityGroupId(): string {
    return this.variable('workloadSecurityGroupId').stringValue;
  }

  /**
   * `${var.platform_key_arn}`: for arguments that take a key ARN and no alias (a Lambda
   * function's `kms_key_arn`, a log group's `kms_key_id`); use with `PlatformKey.fromKeyArn`.
   */
  get platformKeyArn(): string {
    return this.variable('platformKeyArn').stringValue;
  }

  private variable(input: FoundationInput): TerraformVariable {
    const existing = this.variables.get(input);
    if (existing) return existing;
    const spec: FoundationInputSpec = FOUNDATION_INPUTS[input];
    if (this.stack.node.tryFindChild(spec.name)) {
      throw new Error(
        `${this.stack.node.id} already has a construct named "${spec.name}"; foundation inputs declare variables under their output names, so rename the other construct`,
      );
    }
    const foundation = `foundation-${this.stack.environment.name}`;
    const variable = new TerraformVariable(this.stack, spec.name, {
      type: spec.type,
      nullable: false,
      description: `${spec.description}: output ${spec.name} of ${foundation}, filled by the deploy step (placeholders in offline plans)`,
      validation: validations(spec, this.stack.environment.availabilityZones.length, foundation),
    });
    this.variables.set(input, variable);
    return variable;
  }
}

function validations(spec: FoundationInputSpec, zones: number, foundation: string) {
  const ref = `var.${spec.name}`;
  const fix = `copy it from "terraform output -json ${spec.name}" of ${foundation} (apply ${foundation} first)`;
  if (spec.type === 'string') {
    return [
      {
        condition: `\${can(regex("${spec.pattern}", ${ref}))}`,
        errorMessage: `${spec.name} must look like "${spec.example}" (${spec.pattern}); ${fix}.`,
      },
    ];
  }
  return [
    {
      condition: `\${alltrue([for id in ${ref} : can(regex("${spec.pattern}", id))])}`,
      errorMessage: `Every element of ${spec.name} must look like "${spec.example}" (${spec.pattern}); ${fix}.`,
    },
    {
      condition: `\${length(${ref}) >= ${zones}}`,
      errorMessage: `${spec.name} needs at least ${zones} elements, one per availability zone of the environment; ${fix}.`,
    },
  ];
}
