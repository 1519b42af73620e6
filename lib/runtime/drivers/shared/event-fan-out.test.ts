import { describe, expect, it } from 'vitest';
import { EventFanOut } from './event-fan-out.ts';

describe('EventFanOut', () => {
  it('gives every event to every listener; one that throws is reported and the others still hear it', () => {
    const reports: string[] = [];
    const fanOut = new EventFanOut<number>((message) => reports.push(message));
    const heard: number[] = [];
    fanOut.add(() => {
      throw new Error('listener bug');
    });
    const off = fanOut.add((n) => heard.push(n));
    fanOut.emit(1);
    off();
    fanOut.emit(2);
    expect(heard).toEqual([1]);
    expect(reports).toEqual(['runtime event listener failed: listener bug', 'runtime event listener failed: listener bug']);
  });
});
