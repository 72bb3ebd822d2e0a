/** Everything one simulator instance holds: world state, clock, log, faults, rate limiter. `reset()` restores it. */
import type { Fixture, SimulatorOptions } from './types';
import { SimulatorClock } from './clock';
import { readFixture } from './fixture-loader';
import { SimulatorState } from './simulator-state';
import { RequestLog } from './request-log';
import { FaultInjector } from './faults';
import { RateLimiter, resolveRateLimits } from './rate-limiter';
import { SimulatorControl } from './simulator-control';
import { RegistryStore } from './registry/registry-store';
import { expandGeneratedRepositories } from './registry/multi-arch-generator';

export class SimulatorRuntime {
  readonly clock = new SimulatorClock();
  readonly log = new RequestLog();
  readonly faults = new FaultInjector();
  readonly limiter: RateLimiter;
  readonly control: SimulatorControl;
  readonly latencyMs: number;
  private readonly fixture: Fixture;
  private world: SimulatorState;
  private manifests: RegistryStore;

  constructor(private readonly options: SimulatorOptions = {}) {
    this.fixture = readFixture(options.fixture);
    this.applyClockOptions();
    const world = expandGeneratedRepositories(structuredClone(this.fixture), this.clock.nowMs());
    this.world = new SimulatorState(world, this.clock.nowMs());
    this.manifests = new RegistryStore(world.registry);
    this.limiter = new RateLimiter(resolveRateLimits(options.rateLimits));
    this.latencyMs = options.latencyMs ?? 0;
    this.control = new SimulatorControl(
      () => this.world,
      () => this.clock.nowMs(),
    );
  }

  get state(): SimulatorState {
    return this.world;
  }

  /** The registry surface's manifests (container packages); see registry/registry-store.ts. */
  get registry(): RegistryStore {
    return this.manifests;
  }

  private applyClockOptions(): void {
    this.clock.reset();
    // Freeze first: setting a running clock and freezing it a moment later would freeze it that moment late.
    if (this.options.clock?.frozen) this.clock.freeze();
    if (this.options.clock?.now !== undefined) this.clock.set(this.options.clock.now);
  }

  /** Back to the fixture: state, log, faults and rate-limit counters cleared, clock back to real time. */
  reset(): void {
    this.clock.reset();
    const world = expandGeneratedRepositories(structuredClone(this.fixture), this.clock.nowMs());
    this.world = new SimulatorState(world, this.clock.nowMs());
    this.manifests = new RegistryStore(world.registry);
    this.log.restart();
    this.faults.clear();
    this.limiter.reset();
  }
}
