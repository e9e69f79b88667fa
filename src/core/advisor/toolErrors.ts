/**
 * Spots a tool error the executor keeps hitting: the same tool failing with the
 * same message twice is the sign it will not recover alone. Each repeated error
 * is reported once, so one stubborn failure costs one consultation.
 */
export class RepeatedToolErrors {
  private readonly seen = new Map<string, number>();

  /** True exactly when this error (tool and message) has now been seen twice. */
  repeated(tool: string, result: string): boolean {
    if (!result.startsWith('Error')) return false;
    const key = `${tool}\n${result}`;
    const count = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, count);
    return count === 2;
  }
}
