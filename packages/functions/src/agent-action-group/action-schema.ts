/**
 * The functions the chat agent's action group offers, in the shape of Bedrock's function schema
 * (`functionSchema.functions` of an action group). The stack declares the action group from this
 * table and the handler answers exactly these functions, so the two cannot drift apart.
 */

/** A parameter of an action-group function, as the agent's model fills it in. */
export interface AgentFunctionParameter {
  /** Bedrock's parameter types: string, number, integer, boolean, array. */
  readonly type: 'string' | 'number' | 'integer' | 'boolean' | 'array';
  /** What the model reads to decide the value. */
  readonly description: string;
  readonly required: boolean;
}

export interface AgentFunction {
  /** Function name: letters, digits, `_` and `-` (Bedrock's pattern), at most 100 characters. */
  readonly name: string;
  /** What the model reads to decide when to call the function. */
  readonly description: string;
  readonly parameters: Readonly<Record<string, AgentFunctionParameter>>;
}

/** Name of the action group on the agent. */
export const AGENT_ACTION_GROUP_NAME = 'external-lookup';

/** Record IDs the lookup accepts: they become one path segment of the external API's URL. */
export const RECORD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const AGENT_FUNCTIONS = {
  lookupRecord: {
    name: 'lookup_record',
    description:
      "Looks up one record of the project's external reference API by its ID and returns the record as JSON.",
    parameters: {
      record_id: {
        type: 'string',
        description:
          'ID of the record: 1 to 64 letters, digits, underscores or hyphens, as the user gave it.',
        required: true,
      },
    },
  },
} as const satisfies Record<string, AgentFunction>;

/** The environment variable naming the Secrets Manager secret of the external API (its ARN). */
export const API_SECRET_ENVIRONMENT_VARIABLE = 'API_SECRET_ID';
