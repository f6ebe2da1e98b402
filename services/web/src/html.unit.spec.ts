import { Html, escapeHtml, html } from './html';

describe('typed templates', () => {
  it('escape text, in elements and in attributes', () => {
    const title = '<script>alert("x")</script> & l’été';
    expect(html`<h1 title="${title}">${title}</h1>`.markup).toBe(
      '<h1 title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; l’été">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; l’été</h1>',
    );
    expect(escapeHtml("it's")).toBe('it&#39;s');
  });

  it('drop the indentation of their source, nothing else', () => {
    const page = html`<ul>
      <li>a b</li>
    </ul>`;
    expect(page.markup).toBe('<ul>\n<li>a b</li>\n</ul>');
  });

  it('insert markup built by html as it is, and lists joined', () => {
    const items = ['a', '<b>'].map((item) => html`<li>${item}</li>`);
    expect(
      html`<ul>
        ${items}
      </ul>`.markup,
    ).toBe('<ul>\n<li>a</li><li>&lt;b&gt;</li>\n</ul>');
  });

  it('render nothing for false, null and undefined, and numbers as they are', () => {
    const shown = false;
    expect(html`<p>${shown && 'x'}${null}${undefined}${0}</p>`.markup).toBe('<p>0</p>');
  });

  it('never trust a plain string that looks like markup', () => {
    expect(html`${'<em>x</em>'}`.markup).toBe('&lt;em&gt;x&lt;/em&gt;');
    expect(html`${new Html('<em>x</em>')}`.markup).toBe('<em>x</em>');
  });
});
