#!/usr/bin/env node
// Committed, not built: npm links a workspace's bin at install time, before `prepare` has
// built dist/, and skips a bin whose file does not exist yet.
await import('../dist/bin.js');
