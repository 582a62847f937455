/** Deutsch (Sie-Form). */
import type { Catalogue, ZoneStrings } from './catalogue.js';
import { plural, wholeMinutes } from './plural.js';

const count = plural('de');
const days = (d: number) => count(d, { one: '# Tag', other: '# Tagen' });
const seconds = (s: number) => count(s, { one: '# Sekunde', other: '# Sekunden' });

const zone: ZoneStrings = {
  title: 'Gefahrenzone',
  loading: 'Gefahrenzone wird geladen…',
  loadFailed: 'Die Gefahrenzone konnte nicht geladen werden.',
  networkFailed: 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung.',
  retry: 'Erneut versuchen',
  signInRequired: 'Melden Sie sich an, um diese Organisation zu verwalten.',
  notFound: 'Diese Organisation gibt es nicht, oder Sie sind kein Mitglied.',
  noOrgId: 'Es ist keine Organisation ausgewählt.',
  leave: {
    title: 'Organisation verlassen',
    description: 'Sie verlieren sofort den Zugriff. Zurück kommen Sie nur mit einer neuen Einladung.',
    button: 'Organisation verlassen',
    handOffButton: 'Inhaberschaft übertragen und verlassen…',
  },
  delete: {
    title: 'Organisation löschen',
    description: (d) => `Plant die endgültige Löschung in ${days(d)}. Bis dahin können Inhaber sie abbrechen.`,
    button: 'Organisation löschen…',
  },
  exports: {
    title: 'Daten exportieren',
    description: 'Audit-Protokoll und Mitgliederliste als CSV herunterladen.',
    auditLog: 'Audit-Protokoll (CSV)',
    members: 'Mitglieder (CSV)',
  },
  pending: {
    heading: 'Löschung geplant',
    scheduled: (date, relative) => `Diese Organisation wird am ${date} (${relative}) endgültig gelöscht.`,
    requestedBy: (name) => `Angefordert von ${name}.`,
    ownerHint: 'Bis dahin können sich nur Inhaber anmelden. Exportieren Sie, was Sie brauchen, oder brechen Sie die Löschung ab.',
    cancel: 'Löschung abbrechen',
    lockedHeading: 'Zugriff gesperrt',
    locked: (date, relative) => `Diese Organisation wird am ${date} (${relative}) gelöscht, daher ist der Zugriff gesperrt.`,
    askOwners: 'Um sie zu behalten, bitten Sie einen Inhaber, die Löschung abzubrechen:',
  },
  legalHold: {
    notice: 'Für die Organisation gilt ein Legal Hold: Sie kann erst gelöscht werden, wenn er aufgehoben ist.',
    pending: 'Für die Organisation gilt ein Legal Hold: Die endgültige Löschung wartet, bis er aufgehoben ist.',
  },
};

export const de: Catalogue = {
  locale: 'de',
  dir: 'ltr',
  zone,
  dialogs: {
    close: 'Abbrechen',
    working: 'Wird ausgeführt…',
    cancelled: 'Die Löschung wurde abgebrochen. Die Organisation ist wieder aktiv.',
    roles: { owner: 'Inhaber', admin: 'Admin', member: 'Mitglied' },
    leave: {
      title: (org) => `${org} verlassen?`,
      body: (org) => `Sie verlieren sofort den Zugriff auf ${org}. Ihr Konto und Ihre anderen Organisationen bleiben unberührt.`,
      confirm: 'Verlassen',
      handOffTitle: (org) => `${org} übergeben und verlassen`,
      handOffBody: 'Wählen Sie, wer Inhaber wird. Die Person wird befördert und Sie verlassen die Organisation in einem Schritt.',
      successorLabel: 'Neuer Inhaber',
      successorPlaceholder: 'Mitglied auswählen',
      handOffConfirm: 'Befördern und verlassen',
      done: (org) => `Sie haben ${org} verlassen.`,
    },
    delete: {
      title: (org) => `${org} löschen`,
      intro: (d) =>
        `Nach der Bestätigung wird die Organisation in ${days(d)} endgültig gelöscht. Bis dahin können sich nur Inhaber anmelden, und jeder Inhaber kann abbrechen.`,
      removedHeading: 'Was gelöscht wird',
      removedMembers: (n) => `Der Zugriff für ${count(n, { one: '# Person', other: '# Personen' })}`,
      removedApiKeys: (n) => `${count(n, { one: '# API-Schlüssel (funktioniert', other: '# API-Schlüssel (funktionieren' })} ab sofort nicht mehr)`,
      removedInvitations: (n) => count(n, { one: '# offene Einladung', other: '# offene Einladungen' }),
      removedCredits: (n) => count(n, { one: '# verbleibendes Credit', other: '# verbleibende Credits' }),
      removedSubscription: 'Das aktive Abonnement, ohne Erstattung',
      removedData: 'Alle Ressourcen, Einstellungen und das Audit-Protokoll',
      keptHeading: 'Was bleibt',
      kept: 'Die Benutzerkonten der Personen und ihre anderen Organisationen.',
      exportHeading: 'Vorher exportieren',
      acknowledgeHeading: 'Mir ist bewusst:',
      password: 'Ihr Passwort',
      reauthBy: (time) => `Sie haben sich ohne Passwort angemeldet: Bestätigen Sie vor ${time} Uhr, oder melden Sie sich erneut an.`,
      confirmLabel: 'Geben Sie zur Bestätigung den Namen der Organisation ein',
      confirm: 'Organisation löschen',
      confirmWithCooldown: (s) => `Organisation löschen (${s})`,
      cooldownStarted: (s) => `Zu Ihrer Sicherheit ist das Löschen in ${seconds(s)} möglich.`,
      cooldownOver: 'Sie können die Organisation jetzt löschen.',
      preparing: 'Wird vorbereitet…',
      scheduled: (date) => `Die Organisation wird am ${date} gelöscht.`,
    },
  },
  messages: {
    impersonation_scope: () => 'Beim Identitätswechsel können Sie nur den Stand ansehen und eine Löschung abbrechen.',
    not_owner: () => 'Nur Inhaber können das tun.',
    not_admin: () => 'Nur Inhaber und Admins können das tun.',
    org_pending_deletion: () => 'Diese Organisation ist zur Löschung vorgemerkt. Bitten Sie einen Inhaber, die Löschung abzubrechen.',
    sole_owner: () => 'Sie sind der einzige Inhaber. Befördern Sie zuerst ein anderes Mitglied zum Inhaber.',
    sole_member: () => 'Sie sind das einzige Mitglied. Löschen Sie stattdessen die Organisation.',
    already_pending: () => 'Die Löschung ist bereits geplant.',
    read_only: () => 'Die Organisation ist schreibgeschützt. Reaktivieren Sie sie vor dem Löschen.',
    has_active_resources: ({ count: n = 0 }) =>
      count(n, { one: '# aktive Ressource muss zuerst stillgelegt werden.', other: '# aktive Ressourcen müssen zuerst stillgelegt werden.' }),
    legal_hold: () => 'Für die Organisation gilt ein Legal Hold: Sie kann erst gelöscht werden, wenn er aufgehoben ist.',
    deletion_disabled: () => 'Das Löschen von Organisationen ist in diesem Dienst abgeschaltet. Wenden Sie sich an den Support.',
    reauth_required: () =>
      'Zu Ihrer Sicherheit verlangt das Löschen eine frische Anmeldung: Melden Sie sich ab und wieder an, und löschen Sie dann innerhalb von 5 Minuten.',
    not_pending: () => 'Es ist keine Löschung geplant.',
    purge_started: () => 'Die endgültige Löschung hat begonnen und lässt sich nicht mehr aufhalten.',
    active_subscription: () => 'Das aktive Abonnement endet ohne Erstattung. Kündigen Sie es vorher, um keine anteilige Laufzeit zu verlieren.',
    credits_remaining: ({ balance = 0 }) =>
      count(balance, { one: 'Das verbleibende Guthaben von # Credit verfällt.', other: 'Das verbleibende Guthaben von # Credits verfällt.' }),
    other_members: ({ count: n = 0 }) => count(n, { one: '# weitere Person verliert den Zugriff.', other: '# weitere Personen verlieren den Zugriff.' }),
    invalid_request: () => 'Die Anfrage ist ungültig.',
    invalid_uri: () => 'Der Pfad enthält eine fehlerhafte ID.',
    invalid_successor: () => 'Der Nachfolger muss ein anderes Mitglied dieser Organisation sein.',
    unauthorized: () => 'Melden Sie sich an, um fortzufahren.',
    invalid_password: () => 'Das Passwort ist nicht korrekt.',
    invalid_token: () => 'Das Zugriffstoken fehlt, ist fehlerhaft oder wurde widerrufen.',
    user_session_required: () => 'Das kann nur die eigene angemeldete Sitzung eines Benutzers, kein API-Schlüssel und kein Token.',
    admin_scope: () =>
      'Ein Plattform-Admin kann das Passwort eines Organisationsinhabers nicht setzen: Der Inhaber setzt es selbst zurück, oder ein Admin übernimmt seine Identität (nur lesen und abbrechen).',
    insufficient_scope: () => 'Unzureichender Scope; erwartet wird einer von: delete:organizations.',
    forbidden_origin: () => 'Websiteübergreifende Anfragen sind hier nicht erlaubt.',
    use_danger_zone: () => 'Diese Aktion läuft über die Gefahrenzone, die ihre Regeln durchsetzt.',
    org_not_found: () => 'Diese Organisation gibt es nicht.',
    not_found: () => 'Nicht gefunden.',
    member_not_found: () => 'Dieses Mitglied gibt es in der Organisation nicht.',
    deletion_blocked: () => 'Die Organisation kann noch nicht gelöscht werden.',
    idempotency_key_in_use: () => 'Eine Anfrage mit diesem Idempotency-Key wird noch verarbeitet. Versuchen Sie es erneut, sobald sie abgeschlossen ist.',
    intent_expired: () => 'Diese Bestätigung ist abgelaufen oder wurde schon verwendet. Beginnen Sie erneut.',
    payload_too_large: () => 'Der Inhalt der Anfrage ist zu groß.',
    unsupported_media_type: () => 'Senden Sie den Inhalt der Anfrage als application/json.',
    name_mismatch: () => 'Der Name stimmt nicht überein. Geben Sie ihn genau wie angezeigt ein, mit Groß- und Kleinschreibung und Leerzeichen.',
    acknowledgement_required: () => 'Bestätigen Sie zuerst jeden Hinweis.',
    idempotency_key_reused: () => 'Dieser Idempotency-Key wurde bereits für eine andere Anfrage verwendet.',
    cooldown_active: ({ retryAfter = 0 }) => `Warten Sie, bis die Wartezeit vorbei ist (noch ${seconds(retryAfter)}).`,
    rate_limited: ({ retryAfter }) =>
      `Zu viele Versuche. Versuchen Sie es in ${count(wholeMinutes(retryAfter), { one: '# Minute', other: '# Minuten' })} erneut.`,
    internal_error: () => 'Bei uns ist etwas schiefgelaufen.',
    database_busy: () => 'Der Dienst ist ausgelastet. Versuchen Sie es gleich noch einmal.',
    network_error: () => zone.networkFailed,
    http_error: () => 'Der Server konnte die Anfrage nicht ausführen. Versuchen Sie es gleich noch einmal.',
  },
};

export default de;
