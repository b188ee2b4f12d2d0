#!/usr/bin/env node
// The CLI is bundled next to the action (dist/cli/index.js), so it runs with no build step.
import '../dist/cli/index.js';
