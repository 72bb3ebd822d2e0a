import { MutationQueue } from '../../provider/client/mutation-queue';
import { boundedMap } from '../../provider/client/bounded-map';
import { FakeClock } from './fake-clock';

describe('MutationQueue', () => {
  it('runs tasks one at a time, spaced by the interval through the clock', async () => {
    const clock = new FakeClock();
    const q = new MutationQueue(clock, 1000);
    const events: string[] = [];
    let running = 0;
    const task = (n: number) => async () => {
      running += 1;
      expect(running).toBe(1);
      events.push(`start ${n}`);
      await new Promise((r) => setImmediate(r));
      running -= 1;
      if (n === 2) throw new Error('task 2 fails');
      return n;
    };
    const results = await Promise.allSettled([q.run(task(1)), q.run(task(2)), q.run(task(3))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(events).toEqual(['start 1', 'start 2', 'start 3']);
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it('spaces starts by the interval, so latency does not lower the rate; a slow request delays the next', async () => {
    const clock = new FakeClock(0);
    const q = new MutationQueue(clock, 334);
    const starts: number[] = [];
    const request = (latencyMs: number) => async () => {
      starts.push(clock.now());
      await clock.sleep(latencyMs);
    };
    await Promise.all([q.run(request(50)), q.run(request(50)), q.run(request(500)), q.run(request(50))]);
    // 334 ms apart from start to start; after the 500 ms request the next starts when it ends (never overlapping).
    expect(starts).toEqual([0, 334, 668, 1168]);
  });
});

describe('boundedMap', () => {
  it('keeps order and never exceeds the bound', async () => {
    let inFlight = 0;
    let max = 0;
    const out = await boundedMap([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight += 1;
      max = Math.max(max, inFlight);
      await new Promise((r) => setTimeout(r, 8 - n));
      inFlight -= 1;
      return n * 10;
    });
    expect(out).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(max).toBe(3);
  });
});
