import {
  chainPosition,
  type EnvironmentDefinition,
  type PlatformConfiguration,
  platformRoleArn,
  PROMOTION_DISPATCH_EVENT,
  PROMOTION_DISPATCH_PURPOSE,
  PROMOTION_FORWARDER_PURPOSE,
  promotionBusArn,
  promotionBusName,
} from '@genai-sandbox/config';
import {
  EventForwarder,
  GithubDispatch,
  modelApprovalPattern,
  PromotionBus,
} from '@genai-sandbox/eventing';
import { ContainerRepository, ModelPackageGroup } from '@genai-sandbox/registry';
import type { IKey, IPermissionsBoundary } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { PromotionRole } from './promotion-role';

export interface PromotionPlumbingProps {
  readonly config: PlatformConfiguration;
  readonly environment: EnvironmentDefinition;
  readonly encryptionKey: IKey;
  readonly permissionsBoundary: IPermissionsBoundary;
}

/**
 * One environment's part of the promotion chain (docs/architecture.md#event-flow, steps 1 to 5), all of
 * it computed from the chain: the registry and container repositories, readable by the next
 * environment; the forwarding of approvals to the next environment's bus (all but the last); the
 * promotion bus, the GitHub dispatch and the promotion role (all but the first).
 */
export class PromotionPlumbing extends Construct {
  readonly modelPackageGroups: readonly ModelPackageGroup[];
  readonly containerRepositories: readonly ContainerRepository[];
  readonly forwarder?: EventForwarder;
  readonly bus?: PromotionBus;
  readonly dispatch?: GithubDispatch;
  readonly promotionRole?: PromotionRole;

  constructor(scope: Construct, id: string, props: PromotionPlumbingProps) {
    super(scope, id);
    const { config, environment } = props;
    const { previous, next } = chainPosition(config, environment.name);
    const groups = config.platform.modelPackageGroups;
    const groupNames = groups.map((group) => group.name);

    this.modelPackageGroups = groups.map(
      (group) =>
        new ModelPackageGroup(this, `ModelPackageGroup-${group.name}`, {
          groupName: group.name,
          description: group.description,
          downstream: next && {
            accountId: next.accountId,
            principalArns: [platformRoleArn(config, next, 'promotion')],
          },
        }),
    );
    // Exactly the roles of the next environment that pull: its promotion role. The inference
    // blueprints' execution roles join this list, by their naming function, when they exist; a
    // `<platform>-<next>-*` pattern would admit its plan role and any role its deploy role creates.
    this.containerRepositories = groups.map(
      (group) =>
        new ContainerRepository(this, `ContainerRepository-${group.name}`, {
          purpose: group.name,
          encryptionKey: props.encryptionKey,
          downstream: next && {
            accountId: next.accountId,
            principalArns: [platformRoleArn(config, next, 'promotion')],
          },
        }),
    );

    if (next) {
      this.forwarder = new EventForwarder(this, 'ForwardApprovals', {
        purpose: PROMOTION_FORWARDER_PURPOSE,
        description: `Forwards approved model packages to ${next.name}`,
        eventPattern: modelApprovalPattern(groupNames),
        targetBusArn: promotionBusArn(config, next),
        encryptionKey: props.encryptionKey,
        permissionsBoundary: props.permissionsBoundary,
      });
    }
    if (previous) {
      this.bus = new PromotionBus(this, 'PromotionBus', {
        busName: promotionBusName(config, environment),
        sourceAccountId: previous.accountId,
        encryptionKey: props.encryptionKey,
      });
      this.dispatch = new GithubDispatch(this, 'GithubDispatch', {
        purpose: PROMOTION_DISPATCH_PURPOSE,
        busName: this.bus.resource.name,
        eventPattern: modelApprovalPattern(groupNames, previous.accountId),
        repository: `${config.platform.github.organization}/${config.platform.github.repository}`,
        eventType: PROMOTION_DISPATCH_EVENT,
        staticPayload: { source_environment: previous.name, target_environment: environment.name },
        encryptionKey: props.encryptionKey,
        permissionsBoundary: props.permissionsBoundary,
      });
      this.promotionRole = new PromotionRole(this, 'PromotionRole', {
        config,
        environment,
        source: previous,
        encryptionKey: props.encryptionKey,
        permissionsBoundary: props.permissionsBoundary,
      });
    }
  }
}
