/** dist/<name>.mjs as a path, when it is newer than every file in src/; else undefined. */
export function freshBuild(name: 'cli' | 'bot'): string | undefined;
