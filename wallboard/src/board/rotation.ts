/** A wall display cycling between the scopes of its link (`?rotate=billing,team:east,*&every=30`). */

export const nextRotation = (index: number, count: number) => (index + 1) % count;

/** "2 of 3" for the head of the board; null when there is nothing to cycle through. */
export function rotationPosition(index: number, count: number): { n: number; of: number } | null {
  return count > 1 ? { n: (index % count) + 1, of: count } : null;
}
