import { describe, expect, it } from 'vitest';
import { automock } from './automock.js';

class Base {
  inherited(): number {
    return 1;
  }
}
class Repo extends Base {
  readonly name: string = 'repo';
  find(id: string): Promise<string | null> {
    return Promise.resolve(id);
  }
}

describe('automock', () => {
  it('replaces own and inherited methods with fakes that return what the test sets', async () => {
    const repo = automock(Repo);
    repo.find.mockResolvedValue('x');
    repo.inherited.mockReturnValue(7);
    expect(await repo.find('a')).toBe('x');
    expect(repo.inherited()).toBe(7);
    expect(repo.find).toHaveBeenCalledWith('a');
  });

  it('keeps fields the test gives and leaves the class untouched', () => {
    const repo = automock(Repo, { name: 'fake' });
    expect(repo.name).toBe('fake');
    expect(new Repo().inherited()).toBe(1);
  });
});
