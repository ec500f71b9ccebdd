/**
 * A Mermaid ID from names: `bus` + `genai-test-promotion` -> `bus_genai_test_promotion`. The kind
 * comes first because one name can belong to several resources (the forwarding rule and its role),
 * and so that no ID starts with a word Mermaid's lexer takes for a keyword (`end`, `default`,
 * `class`, `style`, `graph`), whatever the configuration names.
 */
export function mermaidId(kind: string, ...names: string[]): string {
  return [kind, ...names].join('_').replace(/[^A-Za-z0-9_]/g, '_');
}

/** A quoted label, one entry per line; `"` is the only character a quoted label cannot hold. */
export function label(...lines: string[]): string {
  return `"${lines.join('<br/>').replace(/"/g, '#quot;')}"`;
}
