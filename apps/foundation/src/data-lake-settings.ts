import { LakeformationDataLakeSettings } from '@cdktf/provider-aws/lib/lakeformation-data-lake-settings';
import { Construct } from 'constructs';

/** Lake Formation's name for "whoever IAM allows": granting it ALL keeps IAM-only access control. */
export const IAM_ALLOWED_PRINCIPALS = 'IAM_ALLOWED_PRINCIPALS';

export interface DataLakeSettingsProps {
  /** The platform's deploy role: it applies the Lake Formation grants of the blueprints. */
  readonly deployRoleArn: string;
  /** Further administrators from configuration (`lakeFormation.administrators`). */
  readonly administrators: readonly string[];
}

/**
 * The account's Lake Formation settings, so that the deploy role is a data lake administrator
 * and may apply the data-preprocessing blueprint's grants on shared producer tables.
 *
 * Two traps of `aws_lakeformation_data_lake_settings` (PutDataLakeSettings), both handled here:
 * - It replaces the account's whole settings. The administrator list is exactly the deploy role
 *   plus the configured administrators: anyone made an administrator by hand and not listed in
 *   the environment file loses the role at the next apply, and destroying the resource empties
 *   the list.
 * - Default permissions left out are sent as empty, which switches new databases and tables to
 *   Lake Formation-only access control: the platform's crawlers and jobs, authorized by IAM, would
 *   lose access to the tables they create. Both defaults are therefore set to ALL for
 *   IAM_ALLOWED_PRINCIPALS ("Use only IAM access control", the account's initial setting).
 */
export class DataLakeSettings extends Construct {
  readonly resource: LakeformationDataLakeSettings;
  readonly admins: readonly string[];

  constructor(scope: Construct, id: string, props: DataLakeSettingsProps) {
    super(scope, id);
    this.admins = [...new Set([props.deployRoleArn, ...props.administrators])];
    const iamOnly = [{ principal: IAM_ALLOWED_PRINCIPALS, permissions: ['ALL'] }];
    this.resource = new LakeformationDataLakeSettings(this, 'Resource', {
      admins: [...this.admins],
      createDatabaseDefaultPermissions: iamOnly,
      createTableDefaultPermissions: iamOnly,
    });
  }
}
