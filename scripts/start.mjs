// npm start, the demo: build what is not built, then run the API with the
// embedded database, the in-process log, demo accounts and the simulator,
// serving the wallboard on http://localhost:3000. The demo is off by default in
// the API itself, so it is asked for here. Settings: README, "Configuration".
import { spawn, spawnSync } from 'node:child_process';

const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const env = { ...process.env, CALLBOARD_DEMO: process.env.CALLBOARD_DEMO || '1' };
const child = spawn(process.execPath, ['--enable-source-maps', 'api/dist/main.js'], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
