import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

function breaker() {
  let now = 0;
  const circuit = new CircuitBreaker({ failureThreshold: 3, openMs: 1000, now: () => now });
  return { circuit, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold, and a success resets the count', () => {
    const { circuit } = breaker();
    circuit.failure();
    circuit.failure();
    circuit.success();
    circuit.failure();
    circuit.failure();
    expect(circuit.state).toBe('closed');
    expect(circuit.allow()).toBe(true);
  });

  it('opens after the threshold and refuses until the open time has passed', () => {
    const { circuit, advance } = breaker();
    for (let i = 0; i < 3; i += 1) circuit.failure();
    expect(circuit.state).toBe('open');
    expect(circuit.allow()).toBe(false);
    advance(999);
    expect(circuit.allow()).toBe(false);
  });

  it('lets exactly one probe through when half-open; its success closes the circuit', () => {
    const { circuit, advance } = breaker();
    for (let i = 0; i < 3; i += 1) circuit.failure();
    advance(1000);
    expect(circuit.allow()).toBe(true);
    expect(circuit.state).toBe('half-open');
    expect(circuit.allow()).toBe(false);
    circuit.success();
    expect(circuit.state).toBe('closed');
    expect(circuit.allow()).toBe(true);
  });

  it('opens again at once when the probe fails', () => {
    const { circuit, advance } = breaker();
    for (let i = 0; i < 3; i += 1) circuit.failure();
    advance(1000);
    circuit.allow();
    circuit.failure();
    expect(circuit.state).toBe('open');
    expect(circuit.allow()).toBe(false);
    advance(1000);
    expect(circuit.allow()).toBe(true);
  });
});
