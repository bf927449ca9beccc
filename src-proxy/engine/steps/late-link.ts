/**
 * A part that is built after the parts that call it: config.yaml's changes apply to the listener built
 * after the file, and every part publishes through the control contract, built last because it drives
 * them all. createEngine sets each link once, before it returns the engine; nothing calls one earlier.
 */
export class LateLink<T> {
  private value: T | undefined;

  constructor(private readonly name: string) {}

  set(value: T): void {
    this.value = value;
  }

  get(): T {
    if (this.value === undefined) throw new Error(`The engine's ${this.name} is not built yet.`);
    return this.value;
  }
}
