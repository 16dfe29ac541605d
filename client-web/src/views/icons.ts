// Icons that carry meaning, drawn inline as SVG: an emoji may render as an empty box where the
// system has no colour-emoji font (Debian's Chromium on a room's screen), and takes the page's
// colour only sometimes. Each icon is hidden from screen readers: the words beside it say it.
const paths: Record<string, string> = {
  // A triangle with an exclamation mark.
  warning: "M12 2 1 21h22L12 2zm0 6 1 7h-2l1-7zm0 9.2a1.3 1.3 0 1 1 0 2.6 1.3 1.3 0 0 1 0-2.6z",
  // A stopwatch.
  clock:
    "M9 1h6v2H9V1zm3 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zm0 2a7 7 0 1 0 0 14 7 7 0 0 0 0-14zm-1 2h2v5.4l3.2 1.9-1 1.7L11 14.6V8z",
  // Two bars.
  pause: "M6 4h4v16H6V4zm8 0h4v16h-4V4z",
  // A raised open hand.
  hand: "M8 11V4.5a1.5 1.5 0 0 1 3 0V10h1V3a1.5 1.5 0 0 1 3 0v7h1V4.5a1.5 1.5 0 0 1 3 0V14c0 4.4-3 8-7 8-3 0-5-1.6-6.5-4.2L2.6 13.4a1.5 1.5 0 0 1 2.4-1.8L8 15v-4z",
  // A smiling face.
  react:
    "M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm0 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16zM8.5 8a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm7 0a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zM7 13h10a5 5 0 0 1-10 0z",
  // A ticked box.
  vote: "M3 3h18v18H3V3zm2 2v14h14V5H5zm11.3 3.3 1.4 1.4-7.2 7.2-4.2-4.2 1.4-1.4 2.8 2.8 5.8-5.8z",
};

export type IconName = keyof typeof paths;

export function icon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", `icon icon-${name}`);
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", paths[name]);
  path.setAttribute("fill", "currentColor");
  svg.append(path);
  return svg;
}

// An element's content as an icon and words.
export function withIcon(el: HTMLElement, name: IconName | null, words: string): void {
  el.replaceChildren(...(name ? [icon(name), document.createTextNode(` ${words}`)] : [document.createTextNode(words)]));
}

// A picture beside a main action, shown in easy read only (styles.css): easy-read guidance
// pairs the words with a picture for people who read little.
export function easyIcon(name: IconName): SVGSVGElement {
  const svg = icon(name);
  svg.classList.add("easy-icon");
  return svg;
}
