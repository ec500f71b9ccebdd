import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import type { SmusDomain } from './smus-domain';

/** The AWS RAM managed permission with which SageMaker Unified Studio associates accounts to a domain. */
export const DOMAIN_SHARE_PERMISSION_ARN =
  'arn:aws:ram::aws:permission/AWSRAMPermissionsAmazonDatazoneDomainExtendedServiceAccess';

export interface DomainShareProps {
  readonly domain: SmusDomain;
  /** The domain's name, part of the share's name as the service names it. */
  readonly domainName: string;
  /** The environment accounts whose projects' environments the profiles deploy. */
  readonly accountIds: readonly string[];
}

/**
 * Associates the environment accounts with the domain: an AWS RAM share of the domain, inside the
 * organization only (allow_external_principals false), with the permission SageMaker Unified
 * Studio uses, named `DataZone-<domain name>-<domain ID>` as the console names it. Each account
 * then enables the managed blueprints itself (ManagedBlueprintEnablement).
 */
export class DomainShare extends Construct {
  readonly share: RamResourceShare;

  constructor(scope: Construct, id: string, props: DomainShareProps) {
    super(scope, id);
    const invalid = props.accountIds.filter(
      (account) => !Token.isUnresolved(account) && !/^\d{12}$/.test(account),
    );
    if (invalid.length > 0 || props.accountIds.length === 0)
      throw new Error(
        `DomainShare ${this.node.path}: accountIds ${JSON.stringify(invalid.length > 0 ? invalid : props.accountIds)} must be one or more 12-digit account IDs`,
      );
    this.share = new RamResourceShare(this, 'Resource', {
      name: `DataZone-${props.domainName.replace(/ /g, '-')}-${props.domain.domainId}`,
      allowExternalPrincipals: false,
      permissionArns: [DOMAIN_SHARE_PERMISSION_ARN],
    });
    new RamResourceAssociation(this, 'Domain', {
      resourceArn: props.domain.domainArn,
      resourceShareArn: this.share.arn,
    });
    for (const account of [...new Set(props.accountIds)].sort()) {
      new RamPrincipalAssociation(this, `Account-${account}`, {
        principal: account,
        resourceShareArn: this.share.arn,
      });
    }
  }
}
