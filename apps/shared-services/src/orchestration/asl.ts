/**
 * A typed subset of the Amazon States Language (https://states-language.net/spec.html), the states
 * the platform's state machines use: a definition is built as TypeScript objects, checked, and
 * rendered to JSON once, never written as a JSON string.
 */

/** Retries a state on the named errors, waiting `IntervalSeconds * BackoffRate^n` (capped). */
export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds: number;
  readonly MaxAttempts: number;
  readonly BackoffRate: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: 'FULL' | 'NONE';
}

/** Sends the named errors to another state, with the error under `ResultPath`. */
export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
  readonly ResultPath?: string;
}

interface Transition {
  readonly Next?: string;
  readonly End?: true;
}

export interface TaskState extends Transition {
  readonly Type: 'Task';
  readonly Comment?: string;
  /** An optimized integration, such as `arn:aws:states:::lambda:invoke`. */
  readonly Resource: string;
  /** Keys ending in `.$` take a path or an intrinsic function. */
  readonly Parameters?: Readonly<Record<string, unknown>>;
  readonly ResultSelector?: Readonly<Record<string, unknown>>;
  readonly ResultPath?: string | null;
  readonly OutputPath?: string;
  readonly TimeoutSeconds?: number;
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher[];
}

export interface SucceedState {
  readonly Type: 'Succeed';
  readonly Comment?: string;
}

export interface FailState {
  readonly Type: 'Fail';
  readonly Comment?: string;
  readonly Error: string;
  readonly Cause?: string;
}

export type State = TaskState | SucceedState | FailState;

export interface StateMachineDefinition {
  readonly Comment: string;
  readonly StartAt: string;
  /** The longest an execution may run. */
  readonly TimeoutSeconds?: number;
  readonly States: Readonly<Record<string, State>>;
}

/** The Amazon States Language's state names: 1-80 characters (control characters are refused). */
const stateNameAllowed = (name: string): boolean =>
  name.length >= 1 && name.length <= 80 && [...name].every((char) => char.charCodeAt(0) >= 0x20);

/**
 * What Step Functions would refuse or what would never run: a StartAt, Next or catch target that
 * is no state, a task without a transition, a state nothing reaches, bad retrier numbers.
 */
export function definitionProblems(definition: StateMachineDefinition): string[] {
  const problems: string[] = [];
  const names = Object.keys(definition.States);
  const known = (name: string, where: string) => {
    if (!names.includes(name)) problems.push(`${where} names "${name}", which is no state`);
  };
  known(definition.StartAt, 'StartAt');
  const reached = new Set([definition.StartAt]);
  for (const [name, state] of Object.entries(definition.States)) {
    if (!stateNameAllowed(name)) problems.push(`state name "${name}" is not allowed`);
    if (state.Type !== 'Task') continue;
    if ((state.Next === undefined) === (state.End === undefined))
      problems.push(`state ${name} needs exactly one of Next and End`);
    if (state.Next) {
      known(state.Next, `${name}.Next`);
      reached.add(state.Next);
    }
    for (const [index, retrier] of (state.Retry ?? []).entries()) {
      if (retrier.ErrorEquals.length === 0) problems.push(`${name}.Retry[${index}] names no error`);
      if (retrier.IntervalSeconds < 1 || retrier.MaxAttempts < 0 || retrier.BackoffRate < 1)
        problems.push(
          `${name}.Retry[${index}] needs IntervalSeconds >= 1, MaxAttempts >= 0, BackoffRate >= 1`,
        );
      if (retrier.ErrorEquals.includes('States.ALL') && index !== (state.Retry ?? []).length - 1)
        problems.push(`${name}.Retry[${index}]: States.ALL must be the last retrier`);
    }
    for (const [index, catcher] of (state.Catch ?? []).entries()) {
      known(catcher.Next, `${name}.Catch[${index}].Next`);
      reached.add(catcher.Next);
    }
  }
  for (const name of names.filter((candidate) => !reached.has(candidate)))
    problems.push(`state ${name} is never reached`);
  return problems;
}

/** The definition as Step Functions takes it; throws with every problem. */
export function renderDefinition(definition: StateMachineDefinition): string {
  const problems = definitionProblems(definition);
  if (problems.length > 0) throw new Error(`state machine definition:\n  ${problems.join('\n  ')}`);
  return JSON.stringify(definition);
}
