// The entry: picks the phase. Everything else lives in main.ts, so nothing runs at import time.
import { isPostPhase } from './github/state.js';
import { post, run } from './main.js';

await (isPostPhase() ? post() : run());
