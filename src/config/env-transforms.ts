import { Transform } from 'class-transformer';

/** Empty strings count as "not set", so `PORT=` falls back to the default like an unset variable. */
function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

export function ToInt(): PropertyDecorator {
  return Transform(({ value }) => {
    const v = blankToUndefined(value);
    if (typeof v !== 'string') return v;
    return /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v;
  });
}

export function ToBool(): PropertyDecorator {
  return Transform(({ value }) => {
    const v = blankToUndefined(value);
    if (typeof v !== 'string') return v;
    const lower = v.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(lower)) return true;
    if (['false', '0', 'no', 'off'].includes(lower)) return false;
    return v;
  });
}

export function ToList(): PropertyDecorator {
  return Transform(({ value }) => {
    const v = blankToUndefined(value);
    if (typeof v !== 'string') return v;
    return v.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
  });
}

export function Trimmed(): PropertyDecorator {
  return Transform(({ value }) => {
    const v = blankToUndefined(value);
    return typeof v === 'string' ? v.trim() : v;
  });
}
