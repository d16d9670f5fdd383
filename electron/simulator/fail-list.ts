/**
 * The failure rule for payouts made through the API: a withdrawal fails, when it is
 * executed, if and only if its recipient address is on the fail list. The list is given at
 * start (`failAddresses`, CLI `--fail-address`) and grows at runtime through
 * `failAddress()` or POST /__simulator/fail-addresses. Checked at execution time, so an
 * address added after a payout was created still makes it fail.
 */
function normalize(address: string): string {
  const trimmed = address.trim();
  // EVM hex and bech32 addresses are case-insensitive; base58 ones are not.
  return /^(0x|bc1)/i.test(trimmed) ? trimmed.toLowerCase() : trimmed;
}

export class FailList {
  private readonly addresses = new Map<string, string>();

  constructor(initial: Iterable<string> = []) {
    for (const address of initial) this.add(address);
  }

  add(address: string): void {
    if (address.trim() === '') throw new RangeError('a fail address cannot be empty');
    this.addresses.set(normalize(address), address.trim());
  }

  remove(address: string): void {
    this.addresses.delete(normalize(address));
  }

  has(address: string): boolean {
    return this.addresses.has(normalize(address));
  }

  list(): string[] {
    return [...this.addresses.values()];
  }
}
