import { html, jsonBlock } from './html.js';

describe('html', () => {
  it('escapes what it interpolates, keeps nested fragments, drops empty values', () => {
    const name = '<img src=x onerror="alert(1)"> & \'co\'';
    expect(String(html`<p title="${name}">${name}</p>`)).toBe('<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;co&#39;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;co&#39;</p>');
    expect(String(html`<ul>${['a', 'b'].map((item) => html`<li>${item}</li>`)}</ul>${null}${undefined}${false}`)).toBe('<ul><li>a</li><li>b</li></ul>');
  });

  it('makes JSON data blocks that cannot close their script tag', () => {
    expect(String(jsonBlock({ text: '</script><script>alert(1)</script>' }))).not.toContain('</script>');
    expect(JSON.parse(String(jsonBlock({ text: '</script>' })))).toEqual({ text: '</script>' });
  });
});
