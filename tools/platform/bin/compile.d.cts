/** Types of compile.cjs, for the tests. */
export declare function workspaces(root?: string): string[];
export declare function fingerprint(root?: string): string;
export declare function compile(root?: string): void;
export declare function ensureCompiled(root?: string): boolean;
export declare function stampFile(root?: string): string;
