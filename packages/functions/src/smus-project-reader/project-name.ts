import { ORCHESTRATION_ERRORS, OrchestrationError } from '../shared/orchestration-errors';
import { PLATFORM_PROJECT_NAME } from '../shared/project-request';

/**
 * The platform name of a SageMaker Unified Studio project: SMUS allows up to 64 letters, digits,
 * spaces, `_` and `-`; the platform's names are part of every physical name, so they are 2-20
 * lower-case letters, digits and hyphens. "Fraud Detection" becomes "fraud-detection"; a name
 * that does not fit fails with the fix instead of being cut into something nobody chose.
 */
export function platformProjectName(smusName: string): string {
  const name = smusName
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-');
  if (!PLATFORM_PROJECT_NAME.test(name)) {
    throw new OrchestrationError(
      ORCHESTRATION_ERRORS.projectNotProvisionable,
      `SMUS project name ${JSON.stringify(smusName)} gives the platform name ${JSON.stringify(name)}, which is not 2-20 lower-case letters, digits or hyphens starting with a letter; rename the project in SageMaker Unified Studio (such as "Fraud Detection") or add it to environments/<env>.json by hand`,
    );
  }
  return name;
}
