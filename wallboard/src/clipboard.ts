/**
 * Copies text. The Clipboard API exists only on secure pages (https or
 * localhost), and a wallboard server on the office network is often plain
 * http: then select `element`'s text and use the older copy command.
 */
export async function copyText(text: string, element?: HTMLElement | null): Promise<boolean> {
  try {
    if (globalThis.navigator?.clipboard && globalThis.isSecureContext !== false) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (permissions): try the selection below.
  }
  if (!element) return false;
  const selection = globalThis.getSelection?.();
  if (!selection) return false;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
  try {
    return document.execCommand('copy');
  } catch {
    return false; // the text stays selected for a manual copy
  }
}
