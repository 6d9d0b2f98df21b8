// jsdom has no CSS.escape; user-event needs it to move between radio buttons with arrow keys.
// This follows the CSSOM definition (https://drafts.csswg.org/cssom/#serialize-an-identifier).
export function cssEscape(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const ch = value.charAt(i);
    if (c === 0) out += '\uFFFD';
    else if ((c >= 0x1 && c <= 0x1f) || c === 0x7f) out += `\\${c.toString(16)} `;
    else if (i === 0 && c >= 0x30 && c <= 0x39) out += `\\${c.toString(16)} `;
    else if (i === 1 && c >= 0x30 && c <= 0x39 && value.charCodeAt(0) === 0x2d) {
      out += `\\${c.toString(16)} `;
    } else if (i === 0 && c === 0x2d && value.length === 1) out += `\\${ch}`;
    else if (c >= 0x80 || c === 0x2d || c === 0x5f || /[0-9A-Za-z]/.test(ch)) out += ch;
    else out += `\\${ch}`;
  }
  return out;
}

export function installCssEscape(): void {
  const css = (globalThis as { CSS?: { escape?: (s: string) => string } }).CSS;
  if (css?.escape) return;
  Object.defineProperty(globalThis, 'CSS', {
    configurable: true,
    value: { ...css, escape: cssEscape },
  });
}
