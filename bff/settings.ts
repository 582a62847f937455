/** The rule settings of SPEC 3, 4.4 and 7, with their defaults. */
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
  /** `DELETION_DISABLED=1`: nobody may schedule a deletion on this deployment (owners are told why). */
  deletionDisabled: boolean;
  /** Record webhook events with every change (true when an endpoint is configured). */
  webhookEvents: boolean;
}

export const defaultSettings: Settings = {
  graceDays: 7,
  cooldownSeconds: 10,
  intentTtlSeconds: 600,
  confirmationLimit: { max: 5, windowSeconds: 15 * 60 },
  managementLimit: { max: 50, windowSeconds: 60 },
  deletionDisabled: false,
  webhookEvents: false,
};
