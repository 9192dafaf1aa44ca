import { onScopeDispose, ref, watch, type Ref } from 'vue';
import { nextRotation } from '../board/rotation';

/**
 * The index of the scope on screen, moving on every `everyS` seconds while
 * there are several; back to the first when the list or the pace changes.
 */
export function useRotation(source: () => { count: number; everyS: number }): Readonly<Ref<number>> {
  const index = ref(0);
  let timer: ReturnType<typeof setInterval> | undefined;
  watch(
    () => [source().count, source().everyS] as const,
    ([count, everyS]) => {
      clearInterval(timer);
      index.value = 0;
      if (count > 1) timer = setInterval(() => (index.value = nextRotation(index.value, count)), everyS * 1000);
    },
    { immediate: true },
  );
  onScopeDispose(() => clearInterval(timer));
  return index;
}
