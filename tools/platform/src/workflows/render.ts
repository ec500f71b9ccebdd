import { Document, isMap, isScalar, isSeq, type Node, visit } from 'yaml';
import { versionOf } from './actions';

/** A value with a comment written on the line(s) above it in the YAML. */
export class Noted<T = unknown> {
  constructor(
    readonly comment: string,
    readonly value: T,
  ) {}
}

/**
 * Marks a map entry or list item with a comment that says why. Comments belong in the generated
 * files because that is where reviewers read the workflows.
 */
export function note<T>(comment: string, value: T): T {
  // Typed as T so that builders stay plain object literals; render() unwraps it.
  return new Noted(comment, value) as unknown as T;
}

type Path = readonly (string | number)[];

/**
 * Renders a workflow as YAML: keys in the order the builder wrote them, no line folding, single
 * quotes where quotes are needed (the repository's Prettier style, so `prettier --check` passes),
 * the header above everything, notes above their keys, and the release tag after every pinned
 * `uses:`. The same input always gives the same bytes.
 */
export function renderYaml(header: readonly string[], value: unknown): string {
  const notes: { path: Path; comment: string }[] = [];
  const plain = unwrap(value, [], notes);
  const doc = new Document(plain);
  doc.commentBefore = header.map((line) => (line === '' ? '' : ` ${line}`)).join('\n');
  for (const { path, comment } of notes) attachComment(doc, path, comment);
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || pair.key.value !== 'uses' || !isScalar(pair.value)) return;
      const version = versionOf(String(pair.value.value));
      if (version) pair.value.comment = ` ${version}`;
    },
  });
  return doc.toString({ lineWidth: 0, singleQuote: true });
}

function unwrap(value: unknown, path: Path, notes: { path: Path; comment: string }[]): unknown {
  if (value instanceof Noted) {
    notes.push({ path, comment: value.comment });
    return unwrap(value.value, path, notes);
  }
  if (Array.isArray(value))
    return value.map((item, index) => unwrap(item, [...path, index], notes));
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      result[key] = unwrap(item, [...path, key], notes);
    }
    return result;
  }
  return value;
}

function attachComment(doc: Document, path: Path, comment: string): void {
  const text = comment
    .split('\n')
    .map((line) => ` ${line}`)
    .join('\n');
  const parent = path.length === 0 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
    if (pair && isScalar(pair.key)) {
      pair.key.commentBefore = text;
      return;
    }
  }
  if (isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last] as Node | undefined;
    if (item) {
      item.commentBefore = text;
      return;
    }
  }
  throw new Error(`No YAML node at ${path.join('.')} to attach the comment "${comment}" to.`);
}
