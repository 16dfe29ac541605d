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
