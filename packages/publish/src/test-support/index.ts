export type { PublishTestEnv, TestBackend } from './env.js';
export { publishBackends, TEST_KEY } from './env.js';
export type { FakePlatform, FakePost, Fault, FaultMatch } from './fake-platform.js';
export { startFakePlatform } from './fake-platform.js';
export { addAccount, fakeConfig, newCompany, soon, startWorker, waitForStatus } from './scenario.js';
