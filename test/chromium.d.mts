/** Types for chromium.mjs (plain JS so the test runner's .mjs config can import it). */
export declare const chromiumArgs: string[];
export declare function findChromium(): string;
