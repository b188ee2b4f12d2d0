// The entry: picks the phase. Everything else lives in main.ts, so nothing runs at import time.
import * as core from '@actions/core';
import { isPostPhase } from './github/state.js';
import { post, run } from './main.js';

// run and post catch everything; this is the last guard, so nothing ends as a raw stack.
await (isPostPhase() ? post() : run()).catch((error: unknown) => {
  core.setFailed(`deploy-action failed: ${String(error).split('\n')[0]!.slice(0, 500)}`);
});
