import { safeUrl } from '../../src/message-view';

// Image URLs come from other people's messages, so only harmless schemes may reach an <img>.
describe('safeUrl', () => {
  const base = 'http://localhost:3000/';

  it('keeps http(s) links', () => {
    expect(safeUrl('https://example.com/a.png', base)).toBe('https://example.com/a.png');
    expect(safeUrl('http://example.com/a b.png', base)).toBe('http://example.com/a%20b.png');
  });

  it('keeps inline images', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(safeUrl(png, base)).toBe(png);
    expect(safeUrl('data:image/svg+xml,%3Csvg%3E', base)).toBe('data:image/svg+xml,%3Csvg%3E');
  });

  it('replaces script and other data URLs with an empty one', () => {
    expect(safeUrl('javascript:alert(1)', base)).toBe('data:,');
    expect(safeUrl(' JavaScript:alert(1)', base)).toBe('data:,');
    expect(safeUrl('data:text/html,<script>alert(1)</script>', base)).toBe('data:,');
    expect(safeUrl('vbscript:msgbox', base)).toBe('data:,');
  });

  it('resolves relative links against the page', () => {
    expect(safeUrl('/pics/a.png', base)).toBe('http://localhost:3000/pics/a.png');
  });
});
