/** The rule settings of SPEC 3 and 4.4, with their defaults. */
export interface RateLimitSetting {
  max: number;
  windowSeconds: number;
}

export interface Settings {
  graceDays: number;
  cooldownSeconds: number;
  intentTtlSeconds: number;
  /** D4: failed deletion confirmations a user may make per window. */
  confirmationLimit: RateLimitSetting;
  /** 4.3: management API requests a token may make per window. */
  managementLimit: RateLimitSetting;
}

export const defaultSettings: Settings = {
  graceDays: 7,
  cooldownSeconds: 10,
  intentTtlSeconds: 600,
  confirmationLimit: { max: 5, windowSeconds: 15 * 60 },
  managementLimit: { max: 50, windowSeconds: 60 },
};

/** D4: a user without a password must have signed in this recently to delete. */
export const REAUTH_WINDOW_MS = 5 * 60 * 1000;
