/** Debian's Chromium for the browser suites, headless as root, with nothing fetched from the network. */
import { mkdirSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Screenshots of the browser suites. */
export const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;

export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
