import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_FAULT_FILE_VARIABLE } from '../../electron/web/testFaultSwitch';
import { startBrowserHostProcess } from './browserHostProcess';
import { test as base } from './fixtures';

interface FaultFixtures {
  /**
   * The browser host's fault switch file: while it holds an error code (ENOSPC, EROFS, …), every
   * write of the host fails with it. The host is started with the switch on (and the sample corpus).
   */
  faultSwitch: string;
}

export const test = base.extend<FaultFixtures>({
  faultSwitch: async ({}, use) => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'newsmark-e2e-fault-'));
    await use(path.join(folder, 'fault'));
    rmSync(folder, { recursive: true, force: true });
  },
  host: async ({ dataFolder, faultSwitch }, use) => {
    const host = await startBrowserHostProcess(dataFolder, { [TEST_FAULT_FILE_VARIABLE]: faultSwitch });
    await use(host);
    await host.stop();
  },
});

export { expect } from '@playwright/test';
