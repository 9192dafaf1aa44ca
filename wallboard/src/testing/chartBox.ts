/**
 * For specs that draw charts. happy-dom lays nothing out (every element is
 * 0 × 0, and a chart waits for its box to have a size) and the system's colour
 * preference is up to the test.
 */
import { vi } from 'vitest';

export interface ChartBox {
  width: number;
  height: number;
}

/** The system asks for no light scheme: charts are drawn dark, as on a wallboard. */
export function stubDarkSystem(): void {
  vi.stubGlobal('matchMedia', () => ({ matches: false, addEventListener() {}, removeEventListener() {} }));
}

/**
 * Every element reports the size of the returned box, which the test may
 * change (e.g. to 0 for a hidden panel); the system is dark. For `beforeEach`:
 * the config restores the spies and globals after each test.
 */
export function stubChartBox(size: ChartBox = { width: 640, height: 320 }): ChartBox {
  const box = { ...size };
  stubDarkSystem();
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(() => box.width);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(() => box.height);
  return box;
}
