// npm run bench -- <suite>: prints figures, with ratios against a baseline
// measured in the same run. Suites: ingest, auth, live, wallboard, trends, dedupe.
import { auth } from './auth.mjs';
import { dedupe } from './dedupe.mjs';
import { ingest } from './ingest.mjs';
import { live } from './live.mjs';
import { trends } from './trends.mjs';
import { wallboard } from './wallboard.mjs';

const suites = { ingest, auth, live, wallboard, trends, dedupe };
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(suites);
for (const name of names) {
  const suite = suites[name];
  if (!suite) {
    console.error(`unknown bench suite "${name}" (known: ${Object.keys(suites).join(', ')})`);
    process.exit(2);
  }
  await suite();
}
process.exit(0);
