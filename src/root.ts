import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed package's root (where package.json, question-bank/, notes/ and migrations/ are): the nearest
 * folder above this module that holds a package.json. The same from src/ under test, from dist/, and from the
 * bundled build, whatever the depth of the file this code ends up in.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('awsquiz: cannot find its package.json');
    dir = up;
  }
}

export const PACKAGE_ROOT = findRoot();
