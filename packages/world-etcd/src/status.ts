export type WorldStatus = 'connected' | 'unreachable';

/** The connection status and who wants to hear when it changes. */
export class StatusCell {
  private state: WorldStatus = 'unreachable';
  private readonly listeners = new Set<(status: WorldStatus) => void>();

  constructor(private readonly onListenerError: (err: unknown) => void) {}

  get value(): WorldStatus {
    return this.state;
  }

  set(status: WorldStatus): void {
    if (this.state === status) return;
    this.state = status;
    for (const listener of [...this.listeners]) {
      try {
        listener(status);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  on(listener: (status: WorldStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
  }
}
