import type { Rule } from '../../types';
import { oidcAudiencePinned } from './oidc-audience-pinned';
import { oidcDeployRoleEnvironment } from './oidc-deploy-role-environment';
import { oidcSubjectExact } from './oidc-subject-exact';
import { oidcSubjectPinned } from './oidc-subject-pinned';

export const oidcRules: readonly Rule[] = [
  oidcAudiencePinned,
  oidcSubjectPinned,
  oidcSubjectExact,
  oidcDeployRoleEnvironment,
];
