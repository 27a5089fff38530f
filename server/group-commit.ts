/**
 * Group commit, as both notification logs use it: what is added during one
 * turn of the event loop is committed together at the end of that turn
 * (setImmediate), in the order it was added, and each addition settles only
 * once its batch's commit has: with its own result, or with the commit's
 * error (a failed commit fails every addition of its batch). `committed`
 * hears of a batch's results before any of its additions resolve; it must
 * not throw (the batch is stored by then).
 *
 * A commit may be synchronous (SQLite: its batch settles at once, at the end
 * of the turn) or return a promise (Redis: one round trip per batch). One
 * commit is under way at a time: what is added meanwhile goes in the next
 * batch, committed as soon as the one under way settles, so a slow commit
 * (an fsync) makes the next batch bigger rather than queueing more commits
 * behind it.
 */
export interface GroupCommit<Item, Stored> {
  add(item: Item): Promise<Stored>;
  /** Commits what is waiting now; resolves once every commit begun so far has settled. */
  flush(): Promise<void>;
}

interface Waiting<Item, Stored> {
  item: Item;
  resolve(stored: Stored): void;
  reject(error: unknown): void;
}

export function groupCommit<Item, Stored>(
  commit: (batch: readonly Item[]) => readonly Stored[] | Promise<readonly Stored[]>,
  committed: (stored: readonly Stored[]) => void = () => undefined,
): GroupCommit<Item, Stored> {
  let waiting: Waiting<Item, Stored>[] = [];
  let underWay: Promise<void> | undefined;

  const fail = (batch: readonly Waiting<Item, Stored>[], error: unknown) => {
    for (const addition of batch) addition.reject(error);
  };
  const settle = (batch: readonly Waiting<Item, Stored>[], stored: readonly Stored[]) => {
    if (stored.length !== batch.length) {
      fail(batch, new Error(`the commit gave back ${stored.length} results for a batch of ${batch.length}`));
      return;
    }
    committed(stored);
    for (const [index, addition] of batch.entries()) addition.resolve(stored[index] as Stored);
  };

  const commitWaiting = (): void => {
    // One commit at a time: what arrives meanwhile waits for it, and goes in the next batch, as soon as it settles.
    if (underWay) return;
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    let result: readonly Stored[] | Promise<readonly Stored[]>;
    try {
      result = commit(batch.map((addition) => addition.item));
    } catch (error) {
      fail(batch, error);
      return;
    }
    if (!(result instanceof Promise)) {
      settle(batch, result);
      return;
    }
    underWay = result
      .then(
        (stored) => settle(batch, stored),
        (error: unknown) => fail(batch, error),
      )
      .finally(() => {
        underWay = undefined;
        commitWaiting();
      });
  };

  return {
    add(item) {
      return new Promise<Stored>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        // The first addition of this turn schedules the commit for the end of it.
        if (waiting.length === 1) setImmediate(commitWaiting);
      });
    },
    async flush() {
      commitWaiting();
      while (underWay) await underWay;
    },
  };
}
