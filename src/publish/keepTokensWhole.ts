// Table cells on the site never break a number or a word in the middle. Browsers may break a line after `-`, `/`, `–`
// or `?` inside a token ("2024-10-13_llmc/main", "1.2e+19", "(5.89–7.2)") when a column is squeezed; every such token
// of a cell whose content is plain text is wrapped in <span class="tok"> (white-space: nowrap in site.css), so lines
// break only at spaces (and after the `/` of a long path) and a squeezed table scrolls sideways instead.

/** Wraps the break-prone tokens of every text-only <td>/<th> in `html` (already escaped or sanitised markup). */
export function keepTokensWhole(html: string): string {
  return html.replace(
    /(<t[dh](?:\s[^>]*)?>)([^<]*)(<\/t[dh]>)/g,
    (_, open: string, content: string, close: string) => proseClass(open, content) + wrapTokens(content) + close,
  );
}

/** A cell of several words gets class "prose" (a minimum width in site.css), so columns of whole tokens cannot squeeze
 * it to one word per line. */
function proseClass(open: string, content: string): string {
  if (open.includes(" class=") || !/\S\s+\S/.test(content) || content.trim().length < 24) return open;
  return open.replace(/^<(t[dh])/, '<$1 class="prose"');
}

/** Escaped text: tokens are runs without whitespace; entities (`&amp;`) stay inside their token. */
export function wrapTokens(escapedText: string): string {
  return escapedText.replace(/[^\s]+/g, (token) => {
    if (token.length <= 1 || !/[^A-Za-z0-9]/.test(token)) return token;
    // A long path or id (a log path, a run id) may break after a `/` (a <wbr>), never inside a folder or file name, so
    // it wraps inside its cell instead of running over the next one.
    if (token.length > 24 && token.includes("/"))
      return token
        .split("/")
        .map((part) => (part === "" ? "" : `<span class="tok">${part}</span>`))
        .join("/<wbr>");
    return `<span class="tok">${token}</span>`;
  });
}
