import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // two cores: e2e files drive real terminals, so keep the number of files at once small
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // tests never touch the learner's own cache
    env: { AWSQUIZ_CACHE_DIR: mkdtempSync(join(tmpdir(), 'awsquiz-test-cache-')) },
  },
});
