// npm run bench -- <suite>…: prints figures, with ratios against a baseline
// measured in the same run. Suites: ingest, auth, live, wallboard, trends, dedupe
// (all of them without an argument); `summary` runs the short form of each and
// prints one table of their headline figures (summary.mjs).
// Each suite returns its headline rows; run under the summary (an IPC channel),
// a suite that throws sends why before it exits.
import { auth } from './auth.mjs';
import { dedupe } from './dedupe.mjs';
import { ingest } from './ingest.mjs';
import { live } from './live.mjs';
import { summary } from './summary.mjs';
import { trends } from './trends.mjs';
import { wallboard } from './wallboard.mjs';

const suites = { ingest, auth, live, wallboard, trends, dedupe };
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (wanted.includes('summary')) {
  const rest = wanted.filter((n) => n !== 'summary');
  const code = await summary(rest.length ? rest : Object.keys(suites), Object.keys(suites));
  process.exit(code);
}
const names = wanted.length ? wanted : Object.keys(suites);
for (const name of names) {
  const suite = suites[name];
  if (!suite) {
    console.error(`unknown bench suite "${name}" (known: ${Object.keys(suites).join(', ')}, summary)`);
    process.exit(2);
  }
  try {
    await suite();
  } catch (err) {
    if (!process.send) throw err;
    const message = String(err?.message ?? err);
    console.error(`${name}: ${err?.stack ?? message}`);
    await new Promise((resolve) => process.send({ type: 'failed', message: message.split('\n')[0] }, resolve));
    process.exit(1);
  }
}
// The rows sent on the way are written before this last message is.
if (process.send) await new Promise((resolve) => process.send({ type: 'done' }, resolve));
process.exit(0);
