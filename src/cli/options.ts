import { InvalidArgumentError } from 'commander';

/** A parser for an option that takes a whole number of at least `minimum`. */
export function wholeNumber(minimum: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < minimum) throw new InvalidArgumentError(`expected a whole number ≥ ${minimum}`);
    return number;
  };
}

/** A parser for an option that takes a number above zero, fractions allowed. */
export function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a number above 0');
  return number;
}

/** A parser for an option that takes a fraction from 0 up to (not including) 1. */
export function fraction(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number >= 1) throw new InvalidArgumentError('expected a number from 0 up to 1');
  return number;
}
