import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which .ci/run installs when it is missing. */
export const CHROMIUM = process.env.THAW_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Headless Chromium with the flags this machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

const bin = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');

/** Starts `thaw inspect` on a free port and resolves with the viewer's URL once it is up. */
export function startInspect(...args: string[]): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [bin, 'inspect', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, THAW_SOURCES: '' } });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (data: Buffer) => {
      output += String(data);
      const match = /viewer: (\S+)/.exec(output);
      if (match) resolve({ url: match[1] as string, child, output: () => output });
    });
    child.stderr?.on('data', (data: Buffer) => (output += String(data)));
    child.once('exit', (code) => reject(new Error(`thaw inspect exited (${code}) before serving:\n${output}`)));
  });
}
