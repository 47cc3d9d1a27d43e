import { InFlightCalls } from './in-flight-calls';

describe('InFlightCalls', () => {
  it('is idle at once with nothing in flight', async () => {
    await expect(new InFlightCalls().idle(1_000)).resolves.toBe(true);
  });

  it('wakes its waiters when the last call leaves', async () => {
    const calls = new InFlightCalls();
    calls.enter();
    calls.enter();
    const idle = calls.idle(5_000);
    calls.leave();
    expect(calls.size).toBe(1);
    calls.leave();
    await expect(idle).resolves.toBe(true);
  });

  it('gives up after its timeout while a call is still in flight', async () => {
    const calls = new InFlightCalls();
    calls.enter();
    await expect(calls.idle(10)).resolves.toBe(false);
  });
});
