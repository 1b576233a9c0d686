// Saves what the page draws: an SVG as a file of its own (with the page's styles inside, so it
// looks the same elsewhere), or as a PNG drawn from it.

/** The SVG's markup, standalone: namespaced, sized, and carrying the styles it needs. */
export function standaloneSvg(element: SVGSVGElement, css: string): string {
  const copy = element.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const [, , width, height] = (copy.getAttribute('viewBox') ?? '0 0 800 600').split(/\s+/).map(Number);
  copy.setAttribute('width', String(Math.round(width ?? 800)));
  copy.setAttribute('height', String(Math.round(height ?? 600)));
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = css;
  copy.insertBefore(style, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

function save(blob: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** Downloads the SVG as `name`.svg. */
export function downloadSvg(element: SVGSVGElement, css: string, name: string): void {
  save(new Blob([standaloneSvg(element, css)], { type: 'image/svg+xml' }), `${name}.svg`);
}

/** Downloads the SVG drawn as a PNG, at twice its size, as `name`.png. */
export async function downloadPng(element: SVGSVGElement, css: string, name: string): Promise<void> {
  const markup = standaloneSvg(element, css);
  const image = new Image();
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the SVG could not be drawn'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = image.width * 2;
    canvas.height = image.height * 2;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) save(blob, `${name}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Downloads text as a file called `name`. */
export function downloadText(text: string, type: string, name: string): void {
  save(new Blob([text], { type }), name);
}

/** Wires the page's download buttons: the statechart and the channels chart, each as SVG or PNG, named after the scenario's file. */
export function wireDownloads(file: string, css: string): void {
  const fileName = file.replace(/^.*\//, '').replace(/\.ya?ml$/, '') || 'thaw';
  const picture = (id: string) => document.getElementById(id)?.querySelector('svg') as SVGSVGElement;
  const on = (id: string, action: () => void) => document.getElementById(id)?.addEventListener('click', action);
  on('diagram-svg', () => downloadSvg(picture('diagram'), css, `${fileName}-statechart`));
  on('diagram-png', () => void downloadPng(picture('diagram'), css, `${fileName}-statechart`));
  on('lanes-svg', () => downloadSvg(picture('lanes'), css, `${fileName}-channels`));
  on('lanes-png', () => void downloadPng(picture('lanes'), css, `${fileName}-channels`));
}
