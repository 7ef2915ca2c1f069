import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Debian's chromium, as `.ci/run` installs it; CHROMIUM_PATH names another. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH) ? undefined : `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (install Debian's chromium package, as .ci/run does, or set CHROMIUM_PATH)`;
}

/**
 * Headless Chromium, started as this machine needs it: no sandbox (CI runs as root), and none of the
 * background connections a closed network refuses, which would otherwise slow every start.
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
