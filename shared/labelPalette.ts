/**
 * Label colours: the Okabe–Ito palette, which stays distinct under the common colour-vision
 * deficiencies, extended with Paul Tol's muted scheme (designed to the same end), and the
 * contrast checks the settings panel shows for each. Colours are "#rrggbb".
 */
export interface PaletteColour {
  name: string;
  color: string;
}

/** In the order new labels take them: the default labels' three first. */
export const LABEL_PALETTE: readonly PaletteColour[] = [
  { name: 'Blue', color: '#0072b2' },
  { name: 'Dark orange', color: '#c26a00' },
  { name: 'Bluish green', color: '#009e73' },
  { name: 'Vermillion', color: '#d55e00' },
  { name: 'Reddish purple', color: '#cc79a7' },
  { name: 'Sky blue', color: '#56b4e9' },
  { name: 'Yellow', color: '#f0e442' },
  { name: 'Black', color: '#000000' },
  { name: 'Indigo', color: '#332288' },
  { name: 'Cyan', color: '#88ccee' },
  { name: 'Teal', color: '#44aa99' },
  { name: 'Green', color: '#117733' },
  { name: 'Olive', color: '#999933' },
  { name: 'Sand', color: '#ddcc77' },
  { name: 'Rose', color: '#cc6677' },
  { name: 'Wine', color: '#882255' },
  { name: 'Purple', color: '#aa4499' },
  // The default quote colour before: faint on the page (2.2:1), so taken last.
  { name: 'Orange', color: '#e69f00' },
];

/** The article's page and text colours (styles.css `--panel` and `--ink`). */
const ARTICLE_BACKGROUND = '#ffffff';
const ARTICLE_TEXT = '#1d1f21';
/** How strongly a selected highlight tints the page (renderer article.css `.nm-hl.nm-selected`). */
const STRONGEST_TINT = 0.42;

type Rgb = [number, number, number];

function toRgb(color: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!match) throw new RangeError(`not a colour like #0072b2: ${color}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** WCAG 2 relative luminance. */
function luminance([red, green, blue]: Rgb): number {
  const linear = (channel: number) => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

function ratio(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** WCAG 2 contrast ratio of two colours, 1 to 21. Throws RangeError for a malformed colour. */
export function contrastRatio(a: string, b: string): number {
  return ratio(toRgb(a), toRgb(b));
}

function mix(color: Rgb, over: Rgb, amount: number): Rgb {
  return color.map((channel, index) => Math.round(channel * amount + over[index]! * (1 - amount))) as Rgb;
}

export interface ContrastReport {
  /** The underline and end bars against the page: WCAG asks 3:1 of graphics. */
  marks: number;
  /** The article's text over the strongest (selected) highlight tint: WCAG asks 4.5:1 of text. */
  textOnTint: number;
  /**
   * Black or white, whichever reads better on the label's colour, for label names drawn on it
   * (renderer controls.css picks the same by the colour's lightness, L* 49.6 being luminance 0.179).
   */
  ink: string;
  /** Label names in `ink` on the label's colour. */
  name: number;
}

/** How a label colour fares against the article's page and text. */
export function contrastReport(color: string): ContrastReport {
  const rgb = toRgb(color);
  const page = toRgb(ARTICLE_BACKGROUND);
  const text = toRgb(ARTICLE_TEXT);
  const ink: Rgb = luminance(rgb) > 0.179 ? [0, 0, 0] : [255, 255, 255];
  return {
    marks: ratio(rgb, page),
    textOnTint: ratio(text, mix(rgb, page, STRONGEST_TINT)),
    ink: ink[0] === 0 ? '#000000' : '#ffffff',
    name: ratio(rgb, ink),
  };
}

export const MARKS_MINIMUM = 3;
export const TEXT_MINIMUM = 4.5;

/** "4.5:1", rounded down so a ratio never looks better than it is. */
export function formatRatio(value: number): string {
  return `${Math.floor(value * 10) / 10}:1`;
}

/** The palette's name for a colour, or the colour itself. */
export function colourName(color: string): string {
  return LABEL_PALETTE.find((entry) => entry.color === color.toLowerCase())?.name ?? color;
}
