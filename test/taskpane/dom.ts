/** The pane in a DOM for the jsdom tests: mount a React element, find by test id, click, press a key. */
import { act } from 'react';
import type { Root } from 'react-dom/client';

let root: Root | null = null;

// jsdom lays nothing out (every clientWidth and clientHeight is 0), and the virtualized list and
// grid render what fits their scrolling box: give those boxes the size they have in a pane window.
const LAID_OUT: Record<string, { clientWidth: number; clientHeight: number }> = {
  'attention-scroller': { clientWidth: 300, clientHeight: 600 },
  'preview-scroller': { clientWidth: 900, clientHeight: 600 },
};
for (const axis of ['clientWidth', 'clientHeight'] as const) {
  const measured = Object.getOwnPropertyDescriptor(Element.prototype, axis)!;
  Object.defineProperty(HTMLElement.prototype, axis, {
    configurable: true,
    get(this: HTMLElement) {
      return LAID_OUT[this.dataset.testid ?? '']?.[axis] ?? (measured.get!.call(this) as number);
    },
  });
}
export let container: HTMLElement;

export async function mount(element: React.ReactElement): Promise<void> {
  const { createRoot } = await import('react-dom/client');
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
  await act(async () => root!.render(element));
}

export async function unmount(): Promise<void> {
  await act(async () => root?.unmount());
  root = null;
  container?.remove();
}

export const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => container.querySelector<T>(`[data-testid="${id}"]`);

export const need = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = byTestId<T>(id);
  if (!el) throw new Error(`no element with data-testid="${id}"`);
  return el;
};

export async function click(el: HTMLElement): Promise<void> {
  await act(async () => el.dispatchEvent(new MouseEvent('click', { bubbles: true })));
}

export async function key(el: HTMLElement, name: string): Promise<void> {
  await act(async () => el.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true })));
}
