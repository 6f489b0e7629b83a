import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ChanceryApi } from '../../ipc/api';
import { ApiContext } from '../../app/app-context';

/**
 * Test kit for the roster, agreement and settings components under jsdom: renders them with a
 * fake API (only the methods a test gives), finds elements by role and name the way the e2e specs
 * do, and stands in for `<dialog>.showModal`, which jsdom lacks.
 */

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** jsdom has HTMLDialogElement without showModal/close. */
export function stubDialogs(): void {
  const proto = HTMLDialogElement.prototype as HTMLDialogElement & { showModal?: () => void };
  proto.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
}

export interface Rendered {
  container: HTMLElement;
  root: Root;
  unmount: () => Promise<void>;
}

/** Renders `ui` below an ApiContext holding `api` (a partial fake, cast). */
export async function render(ui: ReactNode, api: unknown): Promise<Rendered> {
  const container = document.body.appendChild(document.createElement('div'));
  const root = createRoot(container);
  await act(async () => root.render(<ApiContext value={api as ChanceryApi}>{ui}</ApiContext>));
  return { container, root, unmount: () => act(async () => root.unmount()) };
}

/** Lets pending promises (fake IPC answers) settle and React re-render. */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

/** The names of every button inside `within`, as a user (or a screen reader) reads them. */
export function buttonNames(within: ParentNode): string[] {
  return [...within.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') ?? b.textContent?.trim() ?? '');
}

/** The button named `name` inside `within`; throws when there is none. */
export function button(within: ParentNode, name: string): HTMLButtonElement {
  const found = [...within.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name);
  if (!found) throw new Error(`no button "${name}" among ${JSON.stringify(buttonNames(within))}`);
  return found;
}

/** The element with `aria-label` (or the dialog titled) `name`. */
export function named(within: ParentNode, selector: string, name: string): HTMLElement {
  for (const el of within.querySelectorAll<HTMLElement>(selector)) {
    const label = el.getAttribute('aria-label') ?? document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent;
    if (label === name) return el;
  }
  throw new Error(`no ${selector} named "${name}"`);
}

/** The form control labelled `label` (by <label for>). */
export function field<T extends HTMLElement = HTMLInputElement>(within: ParentNode, label: string): T {
  for (const l of within.querySelectorAll('label')) {
    if (l.textContent?.trim() === label) {
      const control = document.getElementById(l.htmlFor);
      if (control) return control as T;
    }
  }
  throw new Error(`no field labelled "${label}"`);
}

/** Types into a React-controlled input or textarea. */
export async function typeInto(control: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  const proto = control instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(control, value);
    control.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Clicks and lets the resulting IPC answers settle. */
export async function click(el: HTMLElement): Promise<void> {
  await act(async () => el.click());
  await settle();
}

/** Chooses an option of a React-controlled select. */
export async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** A fake main for the live-state hooks: answers the first call when told to, and pushes events to whoever subscribed. */
export function fakeMain<T>() {
  const listeners = new Map<string, (payload: T) => void>();
  let answer!: (value: T) => void;
  const pending = new Promise<T>((resolve) => (answer = resolve));
  const call = () => pending;
  return {
    api: {
      positions: { agreement: call },
      roster: { get: call },
      on: (event: string, listener: (payload: T) => void) => {
        listeners.set(event, listener);
        return () => listeners.delete(event);
      },
    },
    answer: (value: T) => act(async () => answer(value)),
    push: (event: string, value: T) => act(async () => listeners.get(event)?.(value)),
  };
}
