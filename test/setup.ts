import { afterEach } from 'vitest';
import { removeTemporaryFolders } from './helpers.js';

// Registered here, not in helpers.ts: the test files share one copy of helpers.ts per worker
// (isolate: false), so a hook registered when it is first imported would serve the first file only.
afterEach(removeTemporaryFolders);
