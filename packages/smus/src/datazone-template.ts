/**
 * A typed model of the CloudFormation types the provider lacks (CloudFormation template reference:
 * AWS::DataZone::Domain, AWS::DataZone::ProjectProfile, AWS::DataZone::PolicyGrant), so the
 * templates the shared-services stack deploys are built from TypeScript, never from strings.
 */

/** A value CloudFormation resolves: a literal or an attribute of another resource of the template. */
export type CfnString = string | { readonly 'Fn::GetAtt': readonly [string, string] };

export const getAtt = (logicalId: string, attribute: string): CfnString => ({
  'Fn::GetAtt': [logicalId, attribute],
});

export interface SingleSignOn {
  readonly Type: 'IAM_IDC' | 'DISABLED';
  readonly UserAssignment?: 'AUTOMATIC' | 'MANUAL';
  readonly IdcInstanceArn?: string;
}

export interface DomainResource {
  readonly Type: 'AWS::DataZone::Domain';
  readonly Properties: {
    readonly Name: string;
    readonly Description?: string;
    /** V2: a SageMaker Unified Studio domain; V1 is an Amazon DataZone domain. */
    readonly DomainVersion: 'V2';
    readonly DomainExecutionRole: string;
    readonly ServiceRole: string;
    readonly KmsKeyIdentifier: string;
    readonly SingleSignOn: SingleSignOn;
  };
}

export interface EnvironmentConfiguration {
  readonly Name: string;
  readonly Description?: string;
  readonly EnvironmentBlueprintId: string;
  readonly DeploymentMode: 'ON_CREATE' | 'ON_DEMAND';
  /** 0 to 16, ON_CREATE only: lower deploys first. */
  readonly DeploymentOrder?: number;
  readonly AwsAccount: { readonly AwsAccountId: string };
  readonly AwsRegion: { readonly RegionName: string };
}

export interface ProjectProfileResource {
  readonly Type: 'AWS::DataZone::ProjectProfile';
  readonly Properties: {
    readonly Name: string;
    readonly Description?: string;
    readonly DomainIdentifier: CfnString;
    readonly DomainUnitIdentifier: CfnString;
    readonly Status: 'ENABLED' | 'DISABLED';
    /** Matched by position on update: the order never changes (Tooling first). */
    readonly EnvironmentConfigurations: readonly EnvironmentConfiguration[];
  };
}

/** Who may create projects from the profiles: every user of the domain. */
export interface ProfileGrantResource {
  readonly Type: 'AWS::DataZone::PolicyGrant';
  readonly Properties: {
    readonly DomainIdentifier: CfnString;
    readonly EntityType: 'DOMAIN_UNIT';
    readonly EntityIdentifier: CfnString;
    readonly PolicyType: 'CREATE_PROJECT_FROM_PROJECT_PROFILE';
    readonly Detail: {
      readonly CreateProjectFromProjectProfile: {
        readonly IncludeChildDomainUnits: boolean;
        readonly ProjectProfiles: readonly CfnString[];
      };
    };
    readonly Principal: { readonly User: { readonly AllUsersGrantFilter: Record<string, never> } };
  };
}

/** Lets the projects of the domain create environments from one account's blueprint configuration. */
export interface BlueprintGrantResource {
  readonly Type: 'AWS::DataZone::PolicyGrant';
  readonly Properties: {
    readonly DomainIdentifier: CfnString;
    readonly EntityType: 'ENVIRONMENT_BLUEPRINT_CONFIGURATION';
    /** `<account ID>:<blueprint ID>` */
    readonly EntityIdentifier: string;
    readonly PolicyType: 'CREATE_ENVIRONMENT_FROM_BLUEPRINT';
    readonly Detail: { readonly CreateEnvironmentFromBlueprint: Record<string, never> };
    readonly Principal: {
      readonly Project: {
        readonly ProjectDesignation: 'CONTRIBUTOR';
        readonly ProjectGrantFilter: {
          readonly DomainUnitFilter: {
            readonly DomainUnit: CfnString;
            readonly IncludeChildDomainUnits: boolean;
          };
        };
      };
    };
  };
}

export type DataZoneResource =
  | DomainResource
  | ProjectProfileResource
  | ProfileGrantResource
  | BlueprintGrantResource;

export interface DataZoneTemplate {
  readonly AWSTemplateFormatVersion: '2010-09-09';
  readonly Description: string;
  readonly Resources: Readonly<Record<string, DataZoneResource>>;
  readonly Outputs: Readonly<
    Record<string, { readonly Description: string; readonly Value: CfnString }>
  >;
}
