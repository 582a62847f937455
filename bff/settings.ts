/** The rule settings of SPEC 3, 4.4 and 7, with their defaults. */
export interface RateLimitSetting {
  max: number;
  windowSeconds: number;
}

/** A limit counted both per user and per org: the org's is the sum all its members may use. */
export interface UserAndOrgLimit {
  user: RateLimitSetting;
  org: RateLimitSetting;
}

export interface Settings {
  graceDays: number;
  /** The latest purge date an owner may choose, in days from the request (issue 21); at least `graceDays`. */
  maxGraceDays: number;
  /** Hours before the purge at which the owners are reminded, each once (issue 21); empty: no reminders. */
  reminderHours: readonly number[];
  cooldownSeconds: number;
  intentTtlSeconds: number;
  /** D4: failed deletion confirmations a user may make per window. */
  confirmationLimit: RateLimitSetting;
  /** 4.3: management API requests a token may make per window. */
  managementLimit: RateLimitSetting;
  /** Deletion intents (each opens a confirmation), per user and per org. */
  intentLimit: UserAndOrgLimit;
  /** Role changes (each writes an audit entry and a webhook), per user and per org. */
  roleChangeLimit: UserAndOrgLimit;
  /** CSV exports (each reads the whole log), per user and per org. */
  exportLimit: UserAndOrgLimit;
  /** `DELETION_DISABLED=1`: nobody may schedule a deletion on this deployment (owners are told why). */
  deletionDisabled: boolean;
  /** Record webhook events with every change (true when an endpoint is configured). */
  webhookEvents: boolean;
}

export const defaultSettings: Settings = {
  graceDays: 7,
  maxGraceDays: 30,
  reminderHours: [72, 24],
  cooldownSeconds: 10,
  intentTtlSeconds: 600,
  confirmationLimit: { max: 5, windowSeconds: 15 * 60 },
  managementLimit: { max: 50, windowSeconds: 60 },
  intentLimit: { user: { max: 20, windowSeconds: 3600 }, org: { max: 60, windowSeconds: 3600 } },
  roleChangeLimit: { user: { max: 60, windowSeconds: 3600 }, org: { max: 180, windowSeconds: 3600 } },
  exportLimit: { user: { max: 10, windowSeconds: 600 }, org: { max: 30, windowSeconds: 600 } },
  deletionDisabled: false,
  webhookEvents: false,
};

/**
 * Refuses settings the rules cannot honour, naming the option: durations the widget and the emails
 * state in whole days or seconds, limits of at least one. To test the grace window, move the clock
 * (`new AdjustableClock({ offsetMs })`) instead of shortening it.
 */
export function assertSettings(settings: Settings): void {
  const problems: string[] = [];
  const whole = (name: string, value: number, min: number, unit: string) => {
    if (!Number.isInteger(value) || value < min) problems.push(`settings.${name} must be a whole number of ${unit}, at least ${min} (got ${value})`);
  };
  whole('graceDays', settings.graceDays, 1, 'days');
  whole('maxGraceDays', settings.maxGraceDays, settings.graceDays, 'days (at least graceDays)');
  for (const hours of settings.reminderHours) whole('reminderHours[]', hours, 1, 'hours');
  whole('cooldownSeconds', settings.cooldownSeconds, 0, 'seconds');
  whole('intentTtlSeconds', settings.intentTtlSeconds, 1, 'seconds');
  for (const name of ['confirmationLimit', 'managementLimit'] as const) {
    whole(`${name}.max`, settings[name].max, 1, 'requests');
    whole(`${name}.windowSeconds`, settings[name].windowSeconds, 1, 'seconds');
  }
  if (problems.length > 0) {
    throw new Error(`createApp: ${problems.join('; ')}. To test the grace window, move the clock instead: new AdjustableClock({ offsetMs }).`);
  }
}
