/** What every command does with an error a person can fix: print it plainly and exit 1, no stack trace. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, parseEnv, type Env } from '../schemas/env.ts';
import { MANIFEST_FILE, ManifestSchema, type Manifest } from '../schemas/manifest.ts';
import { BuildFailedError, ensureBuilt } from './ensure-built.ts';

export function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

/** The command's arguments; an unknown or malformed one prints the problem and the usage. */
export function argsOrExit<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${usage}`);
  }
}

export function envOrExit(): Env {
  try {
    return parseEnv();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

/** Builds if needed and returns the output folder; a failed build has already printed why. */
export function builtOrExit(): string {
  try {
    return ensureBuilt().outDir;
  } catch (error) {
    if (error instanceof BuildFailedError) fail(error.message);
    throw error;
  }
}

export function readManifest(outDir: string): Manifest {
  const path = join(outDir, 'client', MANIFEST_FILE);
  const manifest = ManifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!manifest.success) fail(`The build's manifest ${path} is not valid: ${manifest.error.issues[0]?.message ?? ''}`);
  return manifest.data;
}
