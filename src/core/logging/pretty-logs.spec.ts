import { prettyLogs } from './logging.module.js';

describe('prettyLogs', () => {
  it('is readable lines at a terminal outside production, JSON otherwise', () => {
    expect(prettyLogs({ LOG_FORMAT: 'auto', NODE_ENV: 'development' }, true)).toBe(true);
    expect(prettyLogs({ LOG_FORMAT: 'auto', NODE_ENV: 'development' }, false)).toBe(false);
    expect(prettyLogs({ LOG_FORMAT: 'auto', NODE_ENV: 'production' }, true)).toBe(false);
  });

  it('obeys LOG_FORMAT when it is not auto', () => {
    expect(prettyLogs({ LOG_FORMAT: 'json', NODE_ENV: 'development' }, true)).toBe(false);
    expect(prettyLogs({ LOG_FORMAT: 'pretty', NODE_ENV: 'production' }, false)).toBe(true);
  });
});
