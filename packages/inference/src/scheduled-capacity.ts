import { AppautoscalingScheduledAction } from '@cdktf/provider-aws/lib/appautoscaling-scheduled-action';
import type { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import type { Construct } from 'constructs';

export interface ScheduledCapacityProps {
  /** The endpoint variant's scalable target. */
  readonly target: AppautoscalingTarget;
  /** `<endpoint>-<what>`: the action's name. */
  readonly name: string;
  /** A cron or at expression of Application Auto Scaling. */
  readonly schedule: string;
  readonly timezone?: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
}

/**
 * One scheduled change of an endpoint variant's capacity bounds (the real-time scale-down and
 * scale-up, the async warm start and stop), so both blueprints write the same resource the same way.
 */
export function scheduledCapacity(
  scope: Construct,
  id: string,
  props: ScheduledCapacityProps,
): AppautoscalingScheduledAction {
  return new AppautoscalingScheduledAction(scope, id, {
    name: props.name,
    serviceNamespace: props.target.serviceNamespace,
    resourceId: props.target.resourceId,
    scalableDimension: props.target.scalableDimension,
    schedule: props.schedule,
    timezone: props.timezone,
    // The provider types these as strings.
    scalableTargetAction: {
      minCapacity: String(props.minCapacity),
      maxCapacity: String(props.maxCapacity),
    },
  });
}
