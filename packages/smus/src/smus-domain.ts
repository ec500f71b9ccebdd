import { CloudformationStack } from '@cdktf/provider-aws/lib/cloudformation-stack';
import type { SmusDomainConfig } from '@genai-sandbox/config';
import { ConstructEnvironment } from '@genai-sandbox/core';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { type DataZoneTemplate, getAtt } from './datazone-template';
import { DataZoneRole } from './datazone-role';

export interface SmusDomainProps {
  /** Name, description and single sign-on, from platform.json sharedServices.domain. */
  readonly settings: Pick<SmusDomainConfig, 'name' | 'description' | 'singleSignOn'>;
  /**
   * The key of the domain's metadata, a key of this account whose alias is
   * `alias/<platform>-<env>-smus-domain` (SMUS_DOMAIN_KEY_PURPOSE): the roles are allowed that
   * key by its alias.
   */
  readonly encryptionKey: IKey;
}

/** Logical ID of the domain in its template, and the outputs the stack reads back. */
export const DOMAIN_LOGICAL_ID = 'Domain';
export const DOMAIN_OUTPUTS = {
  id: 'DomainId',
  arn: 'DomainArn',
  rootDomainUnitId: 'RootDomainUnitId',
  portalUrl: 'PortalUrl',
} as const;

/** The template: one V2 domain with its roles, key and single sign-on, and its attributes as outputs. */
export function domainTemplate(props: {
  readonly settings: SmusDomainProps['settings'];
  readonly executionRoleArn: string;
  readonly serviceRoleArn: string;
  readonly kmsKeyArn: string;
}): DataZoneTemplate {
  const { settings } = props;
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `SageMaker Unified Studio domain ${settings.name}`,
    Resources: {
      [DOMAIN_LOGICAL_ID]: {
        Type: 'AWS::DataZone::Domain',
        Properties: {
          Name: settings.name,
          ...(settings.description ? { Description: settings.description } : {}),
          DomainVersion: 'V2',
          DomainExecutionRole: props.executionRoleArn,
          ServiceRole: props.serviceRoleArn,
          KmsKeyIdentifier: props.kmsKeyArn,
          SingleSignOn: {
            Type: settings.singleSignOn.type,
            ...(settings.singleSignOn.type === 'IAM_IDC'
              ? {
                  UserAssignment: settings.singleSignOn.userAssignment,
                  ...(settings.singleSignOn.idcInstanceArn
                    ? { IdcInstanceArn: settings.singleSignOn.idcInstanceArn }
                    : {}),
                }
              : {}),
          },
        },
      },
    },
    Outputs: {
      [DOMAIN_OUTPUTS.id]: { Description: 'Domain ID', Value: getAtt(DOMAIN_LOGICAL_ID, 'Id') },
      [DOMAIN_OUTPUTS.arn]: { Description: 'Domain ARN', Value: getAtt(DOMAIN_LOGICAL_ID, 'Arn') },
      [DOMAIN_OUTPUTS.rootDomainUnitId]: {
        Description: 'Root domain unit, which project profiles and grants belong to',
        Value: getAtt(DOMAIN_LOGICAL_ID, 'RootDomainUnitId'),
      },
      [DOMAIN_OUTPUTS.portalUrl]: {
        Description: 'URL of the SageMaker Unified Studio portal',
        Value: getAtt(DOMAIN_LOGICAL_ID, 'PortalUrl'),
      },
    },
  };
}

/**
 * The SageMaker Unified Studio (DataZone V2) domain, as a CloudFormation stack created by
 * Terraform: provider 5.100.0's aws_datazone_domain has neither DomainVersion nor ServiceRole
 * (docs/architecture.md#provider-gaps). Its execution and service roles are the documented ones
 * (SmusDomainRoles), created by the account's bootstrap stack and named here by their ARNs; the
 * deploy role creates the stack with its own credentials (no CloudFormation service role) and
 * passes the two roles to DataZone. Kept from destroy where the environment says so.
 */
export class SmusDomain extends Construct {
  /** The execution role's ARN (SmusDomainRoles, in the bootstrap stack). */
  readonly executionRoleArn: string;
  /** The service role's ARN (SmusDomainRoles, in the bootstrap stack). */
  readonly serviceRoleArn: string;
  readonly template: DataZoneTemplate;
  readonly stack: CloudformationStack;
  readonly domainId: string;
  readonly domainArn: string;
  readonly rootDomainUnitId: string;
  readonly portalUrl: string;

  constructor(scope: Construct, id: string, props: SmusDomainProps) {
    super(scope, id);
    const platformStack = ConstructEnvironment.of(this);
    this.executionRoleArn = DataZoneRole.arnOf(this, 'execution');
    this.serviceRoleArn = DataZoneRole.arnOf(this, 'service');
    this.template = domainTemplate({
      settings: props.settings,
      executionRoleArn: this.executionRoleArn,
      serviceRoleArn: this.serviceRoleArn,
      kmsKeyArn: props.encryptionKey.keyArn,
    });
    this.stack = new CloudformationStack(this, 'Resource', {
      name: platformStack.naming.name('cloudformation-stack', 'smus-domain'),
      templateBody: JSON.stringify(this.template),
      onFailure: 'DELETE',
      timeoutInMinutes: 30,
    });
    platformStack.protect(this.stack);
    const output = (name: string) => this.stack.outputs.lookup(name);
    this.domainId = output(DOMAIN_OUTPUTS.id);
    this.domainArn = output(DOMAIN_OUTPUTS.arn);
    this.rootDomainUnitId = output(DOMAIN_OUTPUTS.rootDomainUnitId);
    this.portalUrl = output(DOMAIN_OUTPUTS.portalUrl);
  }
}
