import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { EditorState } from 'prosemirror-state';
import type { EditorController } from './editor-controller';

/**
 * Subscribes a component to the slice of editor state it renders. `select` runs at most once per
 * (coalesced) editor change; the component re-renders only when `equal` says the slice changed.
 * Pass module-level `select` and `equal` functions: changing them re-subscribes.
 */
export function useEditorSelector<T>(
  controller: EditorController | null,
  select: (state: EditorState, controller: EditorController) => T,
  equal: (a: T, b: T) => boolean,
  fallback: T,
): T {
  const cache = useRef<{ controller: EditorController; version: number; value: T } | null>(null);

  const subscribe = useCallback(
    (onChange: () => void) => (controller ? controller.subscribe(onChange) : () => {}),
    [controller],
  );

  const getSnapshot = useCallback((): T => {
    if (!controller) return fallback;
    const previous = cache.current;
    if (previous && previous.controller === controller && previous.version === controller.version) {
      return previous.value;
    }
    const next = select(controller.state, controller);
    // Hand React the previous value when equal, so useSyncExternalStore sees no change.
    const value = previous && previous.controller === controller && equal(previous.value, next) ? previous.value : next;
    cache.current = { controller, version: controller.version, value };
    return value;
  }, [controller, select, equal, fallback]);

  return useSyncExternalStore(subscribe, getSnapshot);
}
