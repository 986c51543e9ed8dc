#!/usr/bin/env node
// Fills .env with any missing secret (see scripts/lib/secrets.mjs). For a VPS before the first
// `docker compose up`; `pnpm start` does the same on its own.
import { join } from 'node:path';
import { fillMissingSecrets, readDotenv } from './lib/secrets.mjs';
import { repoRoot } from './lib/workspace.mjs';

const path = join(repoRoot, '.env');
const { written } = fillMissingSecrets(path, { ...readDotenv(path), ...process.env });
console.log(written.length > 0 ? `wrote ${written.join(', ')} to ${path} (mode 0600)` : `${path} already has every secret`);
