import { DatazoneEnvironmentBlueprintConfiguration } from '@cdktf/provider-aws/lib/datazone-environment-blueprint-configuration';
import type { ManagedBlueprint } from '@genai-sandbox/config';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';

export interface ManagedBlueprintEnablementProps {
  /** The domain, in the shared-services account (platform.json sharedServices.domain.domainId). */
  readonly domainId: string;
  /**
   * The provisioning role DataZone assumes to deploy the blueprints: created by the bootstrap
   * app (an administrator), because it needs more than the permissions boundary allows.
   */
  readonly provisioningRoleArn: string;
  /** The managed blueprints to enable, with their IDs in the domain (Tooling among them). */
  readonly blueprints: readonly { readonly name: ManagedBlueprint; readonly id: string }[];
  /** Regions projects' environments deploy to in this account. */
  readonly regions: readonly string[];
  /** The network the Tooling environment (project spaces) runs in, per region. */
  readonly network: { readonly vpcId: string; readonly subnetIds: readonly string[] };
}

/**
 * Enables SageMaker Unified Studio's managed blueprints in this account, which the domain's
 * AWS RAM share associates with the domain: one `aws_datazone_environment_blueprint_configuration`
 * per blueprint (the provider's own resource), provisioned through the documented provisioning
 * role that bootstrap creates (`<platform>-<env>-smus-provisioning`). Blueprint IDs come from configuration: the provider needs an ID, and its
 * `aws_datazone_environment_blueprint` data source would call AWS at plan time
 * (docs/architecture.md#provider-gaps). Tooling runs in the platform's private subnets.
 */
export class ManagedBlueprintEnablement extends Construct {
  readonly configurations: ReadonlyMap<ManagedBlueprint, DatazoneEnvironmentBlueprintConfiguration>;

  constructor(scope: Construct, id: string, props: ManagedBlueprintEnablementProps) {
    super(scope, id);
    if (!props.blueprints.some((blueprint) => blueprint.name === 'Tooling'))
      throw new Error(
        `ManagedBlueprintEnablement ${this.node.path}: enable Tooling too; every other managed blueprint reads its exports`,
      );
    if (props.regions.length === 0)
      throw new Error(`ManagedBlueprintEnablement ${this.node.path}: name at least one region`);
    const toolingParameters = Object.fromEntries(
      props.regions.map((region) => [
        region,
        { VpcId: props.network.vpcId, Subnets: Fn.join(',', [...props.network.subnetIds]) },
      ]),
    );
    const configurations = new Map<ManagedBlueprint, DatazoneEnvironmentBlueprintConfiguration>();
    for (const blueprint of props.blueprints) {
      configurations.set(
        blueprint.name,
        new DatazoneEnvironmentBlueprintConfiguration(this, blueprint.name, {
          domainId: props.domainId,
          environmentBlueprintId: blueprint.id,
          enabledRegions: [...props.regions],
          provisioningRoleArn: props.provisioningRoleArn,
          ...(blueprint.name === 'Tooling' ? { regionalParameters: toolingParameters } : {}),
        }),
      );
    }
    this.configurations = configurations;
  }
}
