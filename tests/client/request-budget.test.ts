import { pointsOf, RequestBudget, sharedRequestBudget } from '../../provider/client/request-budget';
import { FakeClock } from './fake-clock';

const tick = () => new Promise((r) => setImmediate(r));

describe("RequestBudget: GitHub's secondary limits, per API and token, for the whole process", () => {
  it('charges 1 point for reads and 5 for mutations, as GitHub does', () => {
    expect(['GET', 'HEAD', 'OPTIONS', undefined].map(pointsOf)).toEqual([1, 1, 1, 1]);
    expect(['DELETE', 'POST', 'PATCH', 'PUT'].map(pointsOf)).toEqual([5, 5, 5, 5]);
  });

  it('holds a request back while all slots are taken, and admits it when one is released', async () => {
    const budget = new RequestBudget(new FakeClock(0), { maxInFlight: 2, pointsPerMinute: 900 });
    const first = await budget.acquire(1);
    await budget.acquire(1);
    let third = false;
    const pending = budget.acquire(1).then((release) => ((third = true), release));
    await tick();
    expect(third).toBe(false);
    expect(budget.snapshot().inFlight).toBe(2);
    first();
    await pending;
    expect(third).toBe(true);
    expect(budget.snapshot().inFlight).toBe(2);
  });

  it("never lets more than the minute's points through: the next request waits until the oldest leave the window", async () => {
    const clock = new FakeClock(0);
    const budget = new RequestBudget(clock, { maxInFlight: 10, pointsPerMinute: 10 });
    (await budget.acquire(5))(); // a DELETE, answered at t = 0
    clock.sleeps.length = 0;
    for (let i = 0; i < 5; i++) (await budget.acquire(1))();
    expect(clock.sleeps).toEqual([]);
    expect(budget.snapshot().pointsInWindow).toBe(10);
    (await budget.acquire(1))();
    // The DELETE's points leave the window a minute after its answer; nothing was sent before.
    expect(clock.sleeps).toEqual([60_001]);
    expect(clock.now()).toBe(60_001);
    expect(budget.snapshot().pointsInWindow).toBe(1); // everything answered at t = 0 has left the window
  });

  it('serves requests in arrival order: a mutation waiting for points is not overtaken by cheaper reads', async () => {
    const clock = new FakeClock(0);
    const budget = new RequestBudget(clock, { maxInFlight: 10, pointsPerMinute: 5 });
    (await budget.acquire(3))();
    const order: string[] = [];
    const write = budget.acquire(5).then((r) => (order.push('write'), r()));
    const read = budget.acquire(1).then((r) => (order.push('read'), r()));
    await Promise.all([write, read]);
    expect(order).toEqual(['write', 'read']);
  });

  it('is one budget per API root and token in the process, keyed by a hash (the token is not a key)', () => {
    const clock = new FakeClock(0);
    const a = sharedRequestBudget('https://api.github.com', 'ghp_one', clock);
    expect(sharedRequestBudget('https://api.github.com/', 'ghp_one', clock)).toBe(a);
    expect(sharedRequestBudget('https://api.github.com', 'ghp_two', clock)).not.toBe(a);
    expect(sharedRequestBudget('https://ghe.example.com/api/v3', 'ghp_one', clock)).not.toBe(a);
  });
});
