// Jest for `npm run test:scale`. run.sh prepares the database once, with the suites' own global
// setup, before it starts the API instances; this run must not drop and recreate it under them.
import base from '../../jest.config.js';

export default {
  ...base,
  rootDir: '../..',
  globalSetup: undefined,
  globalTeardown: undefined,
};
