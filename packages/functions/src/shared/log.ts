/**
 * One JSON line per event, with only the fields given: handlers pass metadata (route, status,
 * error name, latency), never payloads or error messages, which can echo a prompt.
 */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export type Logger = (level: 'info' | 'warn' | 'error', event: string, fields?: LogFields) => void;

export const jsonLogger: Logger = (level, event, fields = {}) => {
  const line = JSON.stringify({ level, event, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
};
