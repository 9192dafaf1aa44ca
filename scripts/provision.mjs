// What the tests and the demo need on a fresh machine: Redis answering and
// Debian's Chromium. Starts or installs them where it can, otherwise stops
// with a one-line instruction.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function ping(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const s = net.createConnection({ port, host });
    s.setTimeout(1000);
    s.on('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => {
      s.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    s.on('error', () => resolve(false));
    s.on('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

export async function ensureRedis() {
  if (await ping(6379)) return 'redis://127.0.0.1:6379';
  if (!has('redis-server')) {
    if (has('apt-get') && process.getuid?.() === 0) {
      execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null'], {
        stdio: 'inherit',
      });
    } else {
      console.error('Redis is needed on 127.0.0.1:6379: install it (apt-get install -y redis-server) and start it, then re-run.');
      process.exit(1);
    }
  }
  console.log('starting Redis on 127.0.0.1:6379');
  execFileSync(
    'sh',
    [
      '-c',
      'mkdir -p /var/lib/redis /var/log/redis 2>/dev/null; redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /tmp',
    ],
    { stdio: 'inherit' },
  );
  for (let i = 0; i < 50; i++) {
    if (await ping(6379)) return 'redis://127.0.0.1:6379';
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error('Redis did not start on 127.0.0.1:6379: start it (redis-server --port 6379), then re-run.');
  process.exit(1);
}

/** A Chinese font, so zh-CN pages and the simulator's Chinese agent names render in screenshots (not boxes). */
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

export function ensureChromium() {
  if (existsSync(CHROMIUM) && existsSync(CJK_FONT)) return CHROMIUM;
  if (has('apt-get') && process.getuid?.() === 0) {
    console.log("installing Debian's Chromium and a Chinese font for the browser tests");
    execFileSync(
      'sh',
      ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null'],
      { stdio: 'inherit' },
    );
    if (existsSync(CHROMIUM)) return CHROMIUM;
  }
  if (existsSync(CHROMIUM)) return CHROMIUM;
  console.error(
    'Chromium is needed for the browser tests: apt-get install -y chromium fonts-wqy-microhei (or set CHROMIUM_PATH), then re-run.',
  );
  process.exit(1);
}
