import { PlatformKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { DataZoneRole } from './datazone-role';

/** The purpose of the domain's key: alias `alias/<platform>-<env>-smus-domain`. */
export const SMUS_DOMAIN_KEY_PURPOSE = 'smus-domain';

/** Sid of the roles' statement on the domain key. */
export const DOMAIN_KEY_SID = 'DomainKey';

/**
 * The domain's execution and service roles, as the SMUS administrator guide documents them, each
 * allowed the domain key (named by its alias: the shared-services stack creates the key later).
 * Created by the bootstrap stack of the shared-services account, by an administrator: the roles
 * need their AWS managed policies whole, beyond the permissions boundary, and the deploy role may
 * create bounded roles only. SmusDomain names them by their predictable ARNs.
 */
export class SmusDomainRoles extends Construct {
  readonly executionRole: DataZoneRole;
  readonly serviceRole: DataZoneRole;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.executionRole = new DataZoneRole(this, 'ExecutionRole', 'execution');
    this.serviceRole = new DataZoneRole(this, 'ServiceRole', 'service');
    const key = PlatformKey.fromPurpose(this, SMUS_DOMAIN_KEY_PURPOSE);
    for (const role of [this.executionRole, this.serviceRole])
      key.grantEncryptDecrypt(role, DOMAIN_KEY_SID);
  }
}
