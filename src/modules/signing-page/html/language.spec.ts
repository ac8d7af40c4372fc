import { negotiateLanguage } from './language.js';

describe('negotiateLanguage', () => {
  it.each([
    [undefined, undefined, 'fr'],
    ['en', 'fr-FR', 'en'],
    ['fr', 'en-GB', 'fr'],
    ['de', 'en-GB,en;q=0.9', 'en'],
    [undefined, 'en-US,en;q=0.9,fr;q=0.8', 'en'],
    [undefined, 'de-DE,fr;q=0.5,en;q=0.7', 'en'],
    [undefined, 'fr-CA', 'fr'],
    [undefined, 'de-DE,es', 'fr'],
    [undefined, 'en;q=0, fr;q=0.1', 'fr'],
    [['en'], 'garbage;;q=x', 'fr'],
  ])('?lang=%p with Accept-Language %p → %s', (query, accept, expected) => {
    expect(negotiateLanguage(query, accept)).toBe(expected);
  });
});
