import { expect } from 'chai';
import { renderSafeMarkdown } from '../src/element/safe-markdown.js';

/** Renders into a detached element, as the panel's bubbles do, and reports what survived. */
function render(source: string): HTMLElement {
  const box = document.createElement('div');
  box.innerHTML = renderSafeMarkdown(source);
  return box;
}

const attributesOf = (box: HTMLElement) => [...box.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => `${el.tagName.toLowerCase()}[${a.name}]`));

describe('safe Markdown', () => {
  it('keeps what support answers use: emphasis, lists, code, quotes, headings and links', () => {
    const box = render('**Bold** and *soft*, `code` and ~~old~~\n\n- one\n- two\n\n1. first\n\n> quoted\n\n## Title\n\n[Returns](https://shop.example/help/returns) [here](/help/x) [mail](mailto:help@shop.example) [call](tel:+441234)');
    expect(box.querySelector('strong')?.textContent).to.equal('Bold');
    expect(box.querySelector('em')?.textContent).to.equal('soft');
    expect(box.querySelector('code')?.textContent).to.equal('code');
    expect(box.querySelectorAll('ul li').length).to.equal(2);
    expect(box.querySelector('ol li')?.textContent).to.equal('first');
    expect(box.querySelector('blockquote')?.textContent).to.contain('quoted');
    expect(box.querySelector('h2')?.textContent).to.equal('Title');
    const links = [...box.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')]);
    expect(links).to.deep.equal([
      ['https://shop.example/help/returns', '_blank', 'noopener noreferrer nofollow'],
      ['/help/x', '_blank', 'noopener noreferrer nofollow'],
      ['mailto:help@shop.example', '_blank', 'noopener noreferrer nofollow'],
      ['tel:+441234', '_blank', 'noopener noreferrer nofollow'],
    ]);
  });

  it('shows raw HTML as text', () => {
    const box = render('<b>not bold</b> <script>window.mdRan=1</script> <img src=x onerror="window.mdRan=1">');
    expect(box.querySelectorAll('b, script, img').length).to.equal(0);
    expect(box.textContent).to.equal('<b>not bold</b> <script>window.mdRan=1</script> <img src=x onerror="window.mdRan=1">');
    expect((window as { mdRan?: number }).mdRan).to.equal(undefined);
  });

  it('lets nothing out of a link or an image: no smuggled attributes, no script URLs, no images', () => {
    const attacks = [
      '[x](javascript:window.__md=1)',
      '[x](JaVaScRiPt:window.__md=1)',
      '[x]( javascript:window.__md=1)',
      '[x](&#106;avascript:window.__md=1)',
      '[x](data:text/html,<script>window.__md=1</script>)',
      '[x](vbscript:msgbox)',
      '[x](" onmouseover="window.__md=1)',
      '[x](https://ok.example/" onclick="window.__md=1)',
      '![x](x" onerror="window.__md=1)',
      '![x](https://tracker.example/pixel.gif)',
      '[![x](y)](https://ok.example)',
    ];
    for (const source of attacks) {
      const box = render(source);
      expect(box.querySelectorAll('img, script, iframe, svg').length, source).to.equal(0);
      const attributes = attributesOf(box);
      expect(attributes.filter((a) => !['a[href]', 'a[target]', 'a[rel]'].includes(a)), source).to.deep.equal([]);
      for (const a of box.querySelectorAll('a[href]')) expect(a.getAttribute('href'), source).to.match(/^(https?:|mailto:|tel:|\/|#|\.)/i);
    }
    expect((window as { __md?: number }).__md).to.equal(undefined);
  });

  it('survives a deeply nested message without exhausting the stack', () => {
    const box = render(`${'> '.repeat(3000)}deep`);
    expect(box.textContent).to.contain('deep');
  });
});
