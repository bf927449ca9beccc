/** Whether the user asked for the stop that just happened (tray, dashboard): such a stop is not announced as unexpected. */
export class StopRequests {
  private requested = false;

  note(): void {
    this.requested = true;
  }

  /** True once per noted request. */
  consume(): boolean {
    const requested = this.requested;
    this.requested = false;
    return requested;
  }
}
