#!/usr/bin/env node
// Committed launcher: npm links a package's bins at `npm ci`, before `npm run build` has created
// dist/, and skips bins whose file is missing, so the bin cannot point into dist directly.
import '../dist/dlq/pulse-dlq.main.js';
