// Preloaded into pouchdb-server by tests/browser/couch.mjs (node --require).
// The parent holds our stdin open; when it goes away for any reason (test
// finished, crashed or was killed), stdin ends and this server exits too, so
// no stray pouchdb-server outlives the test run.
'use strict';
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
