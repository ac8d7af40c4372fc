import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const FILES = ['README.md', 'client/README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
/** Hosts that cannot be anyone's site: this machine, and names reserved for documentation (RFC 2606, 6761). */
const EXAMPLE_HOST = /^(localhost|127\.0\.0\.1|(.+\.)?example(\.(com|org|net))?|.+\.(invalid|test|example))$/;

/**
 * The project stands alone (issue 15): its README and docs link to nothing outside the repository
 * (an URL in an example names this machine or a reserved example domain), and every relative link
 * leads to a file of the repository.
 */
describe('README and docs stand alone', () => {
  it('has the API guide the README points to, with every topic', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('](docs/guide.md)');
    const guide = readFileSync(path.join(ROOT, 'docs/guide.md'), 'utf8');
    for (const topic of ['Concepts', 'Authentication and keys', 'Sandbox', 'Errors', 'Pagination', 'Idempotency', 'Rate limits', 'Webhooks']) expect(guide).toMatch(new RegExp(`^## ${topic}`, 'm'));
  });

  it.each(FILES)('%s names no outside host', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const outside = [...text.matchAll(/https?:\/\/([^/\s'"`)<>:]+)/g)].map(([, host]) => host).filter((host) => !EXAMPLE_HOST.test(host));
    expect(outside).toEqual([]);
  });

  it.each(FILES)('%s links only to files of the repository', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const broken = [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
      .map(([, target]) => target)
      .filter((target) => !/^https?:/.test(target))
      .filter((target) => {
        const resolved = path.resolve(ROOT, path.dirname(file), target);
        return !resolved.startsWith(`${ROOT}${path.sep}`) || !existsSync(resolved);
      });
    expect(broken).toEqual([]);
  });
});
