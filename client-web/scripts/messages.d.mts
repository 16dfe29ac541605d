// Types for messages.mjs, for the client's unit tests.
export declare const messagesDir: string;
export declare const minutesDir: string;
export declare function checkCatalogues(dir?: string): string[];
export declare function needsEasyRead(key: string, text: string): boolean;
export declare function checkSameLanguages(dir?: string, minutes?: string): string[];
