/** Puts cdktf's token creation traces back (tools/jest-setup.cjs turned them off). */
export declare const restoreTokenStackTraces: () => void;
