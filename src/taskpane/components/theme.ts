/**
 * The pane follows Office's theme: dark Office (e.g. the Black theme) gets Fluent's dark theme,
 * everything else the light one. Office.context only exists inside Office after Office.onReady;
 * in a plain browser (preview) or in tests the light theme is used.
 */
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

export function officeTheme(): Theme {
  const background = officeBodyBackground();
  return background !== null && isDarkColour(background) ? webDarkTheme : webLightTheme;
}

function officeBodyBackground(): string | null {
  try {
    if (typeof Office === 'undefined') return null;
    return Office.context?.officeTheme?.bodyBackgroundColor ?? null;
  } catch {
    return null; // Office.context throws before Office.onReady in some hosts
  }
}

/** True for #RRGGBB (or #RGB) colours whose relative luminance is below the middle grey. */
export function isDarkColour(hex: string): boolean {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return false;
  const digits = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(digits.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.18;
}
