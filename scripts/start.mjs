// npm start: build what is not built, then run the API with the embedded
// database, the in-process log and the simulator (demo data), serving the
// wallboard on http://localhost:3000. Settings: README, "Configuration".
import { spawn, spawnSync } from 'node:child_process';

const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const env = { CALLBOARD_DEMO: '1', ...process.env };
const child = spawn(process.execPath, ['--enable-source-maps', 'api/dist/main.js'], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
