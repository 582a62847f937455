/** Français (vouvoiement). Espaces insécables avant « : », « ? » et « ; », comme l'usage le veut. */
import type { Catalogue, ZoneStrings } from './catalogue.js';
import { plural, wholeMinutes } from './plural.js';

const count = plural('fr');
const days = (d: number) => count(d, { one: '# jour', other: '# jours' });
const seconds = (s: number) => count(s, { one: '# seconde', other: '# secondes' });

const zone: ZoneStrings = {
  title: 'Zone de danger',
  loading: 'Chargement de la zone de danger…',
  loadFailed: 'Impossible de charger la zone de danger.',
  networkFailed: 'Le serveur est injoignable. Vérifiez votre connexion.',
  retry: 'Réessayer',
  signInRequired: 'Connectez-vous pour gérer cette organisation.',
  notFound: "Cette organisation n'existe pas, ou vous n'en êtes pas membre.",
  noOrgId: 'Aucune organisation sélectionnée.',
  leave: {
    title: "Quitter l'organisation",
    description: "Vous perdez l'accès immédiatement. Vous ne pourrez revenir que sur une nouvelle invitation.",
    button: "Quitter l'organisation",
    handOffButton: 'Transférer la propriété et quitter…',
  },
  delete: {
    title: "Supprimer l'organisation",
    description: (d) => `Programme la suppression définitive de l'organisation dans ${days(d)}. Les propriétaires peuvent l'annuler d'ici là.`,
    button: "Supprimer l'organisation…",
  },
  exports: {
    title: 'Exporter les données',
    description: "Téléchargez le journal d'audit et la liste des membres au format CSV.",
    auditLog: "Journal d'audit (CSV)",
    members: 'Membres (CSV)',
  },
  pending: {
    heading: 'Suppression programmée',
    scheduled: (date, relative) => `Cette organisation sera définitivement supprimée le ${date} (${relative}).`,
    requestedBy: (name) => `Demandée par ${name}.`,
    ownerHint: "D'ici là, seuls les propriétaires peuvent se connecter. Exportez ce dont vous avez besoin, ou annulez la suppression.",
    cancel: 'Annuler la suppression',
    lockedHeading: 'Accès suspendu',
    locked: (date, relative) => `Cette organisation sera supprimée le ${date} (${relative})\u00a0: l'accès est donc suspendu.`,
    askOwners: "Pour la conserver, demandez à un propriétaire d'annuler la suppression\u00a0:",
  },
  legalHold: {
    notice: "Une conservation légale (legal hold) est en vigueur\u00a0: l'organisation ne peut pas être supprimée tant qu'elle n'est pas levée.",
    pending: 'Une conservation légale (legal hold) est en vigueur\u00a0: la suppression définitive attend sa levée.',
  },
};

export const fr: Catalogue = {
  locale: 'fr',
  dir: 'ltr',
  zone,
  dialogs: {
    close: 'Annuler',
    working: 'En cours…',
    cancelled: "La suppression a été annulée. L'organisation est de nouveau active.",
    roles: { owner: 'Propriétaire', admin: 'Administrateur', member: 'Membre' },
    leave: {
      title: (org) => `Quitter ${org}\u00a0?`,
      body: (org) => `Vous perdrez immédiatement l'accès à ${org}. Votre compte et vos autres organisations ne sont pas concernés.`,
      confirm: 'Quitter',
      handOffTitle: (org) => `Transmettre ${org} et quitter`,
      handOffBody: "Choisissez qui devient propriétaire. Cette personne est promue et vous quittez l'organisation, en une seule étape.",
      successorLabel: 'Nouveau propriétaire',
      successorPlaceholder: 'Choisir un membre',
      handOffConfirm: 'Promouvoir et quitter',
      done: (org) => `Vous avez quitté ${org}.`,
    },
    delete: {
      title: (org) => `Supprimer ${org}`,
      intro: (d) =>
        `Une fois la suppression confirmée, l'organisation sera définitivement supprimée dans ${days(d)}. D'ici là, seuls les propriétaires peuvent se connecter, et chacun d'eux peut l'annuler.`,
      removedHeading: 'Ce qui est supprimé',
      removedMembers: (n) => `L'accès de ${count(n, { one: '# personne', other: '# personnes' })}`,
      removedApiKeys: (n) =>
        count(n, {
          one: "# clé d'API (elle cesse de fonctionner immédiatement)",
          other: "# clés d'API (elles cessent de fonctionner immédiatement)",
        }),
      removedInvitations: (n) => count(n, { one: '# invitation en attente', other: '# invitations en attente' }),
      removedCredits: (n) => count(n, { one: '# crédit restant', other: '# crédits restants' }),
      removedSubscription: "L'abonnement actif, sans remboursement",
      removedData: "Toutes les ressources, les paramètres et le journal d'audit",
      keptHeading: 'Ce qui est conservé',
      kept: 'Les comptes des utilisateurs et leurs autres organisations.',
      exportHeading: "Exporter d'abord",
      acknowledgeHeading: "J'ai bien compris que",
      password: 'Votre mot de passe',
      reauthBy: (time) => `Vous vous êtes connecté sans mot de passe\u00a0: confirmez avant ${time}, ou reconnectez-vous.`,
      confirmLabel: "Saisissez le nom de l'organisation pour confirmer",
      confirm: "Supprimer l'organisation",
      confirmWithCooldown: (s) => `Supprimer l'organisation (${s})`,
      cooldownStarted: (s) => `Par sécurité, la suppression sera possible dans ${seconds(s)}.`,
      cooldownOver: "Vous pouvez maintenant supprimer l'organisation.",
      preparing: 'Préparation…',
      scheduled: (date) => `L'organisation sera supprimée le ${date}.`,
    },
  },
  messages: {
    impersonation_scope: () => "Une session en emprunt d'identité peut seulement consulter l'état et annuler une suppression.",
    not_owner: () => 'Seuls les propriétaires peuvent faire cela.',
    not_admin: () => 'Seuls les propriétaires et les administrateurs peuvent faire cela.',
    org_pending_deletion: () => "Cette organisation est programmée pour suppression. Demandez à un propriétaire de l'annuler.",
    sole_owner: () => "Vous êtes le seul propriétaire. Promouvez d'abord un autre membre au rôle de propriétaire.",
    sole_member: () => "Vous êtes le seul membre. Supprimez plutôt l'organisation.",
    already_pending: () => 'La suppression est déjà programmée.',
    read_only: () => "L'organisation est en lecture seule. Réactivez-la avant de la supprimer.",
    has_active_resources: ({ count: n = 0 }) =>
      count(n, {
        one: "# ressource active doit d'abord être mise hors service.",
        other: "# ressources actives doivent d'abord être mises hors service.",
      }),
    legal_hold: () => "L'organisation fait l'objet d'une conservation légale\u00a0: elle ne peut pas être supprimée avant sa levée.",
    deletion_disabled: () => 'La suppression des organisations est désactivée sur ce service. Contactez le support.',
    reauth_required: () =>
      'Par sécurité, la suppression exige une connexion récente\u00a0: déconnectez-vous, reconnectez-vous, puis supprimez dans les 5\u00a0minutes.',
    not_pending: () => "Aucune suppression n'est programmée.",
    purge_started: () => 'La suppression définitive a commencé et ne peut plus être arrêtée.',
    active_subscription: () => "L'abonnement actif prend fin sans remboursement. Résiliez-le d'abord pour ne pas perdre le temps restant au prorata.",
    credits_remaining: ({ balance = 0 }) => count(balance, { one: 'Le # crédit restant est perdu.', other: 'Les # crédits restants sont perdus.' }),
    other_members: ({ count: n = 0 }) => count(n, { one: "# autre personne perd l'accès.", other: "# autres personnes perdent l'accès." }),
    invalid_request: () => "La requête n'est pas valide.",
    invalid_uri: () => 'Le chemin contient un identifiant mal formé.',
    invalid_successor: () => 'Le successeur doit être un autre membre de cette organisation.',
    unauthorized: () => 'Connectez-vous pour continuer.',
    invalid_password: () => "Ce mot de passe n'est pas correct.",
    invalid_token: () => "Le jeton d'accès est absent, mal formé ou révoqué.",
    user_session_required: () => "Seule la session de l'utilisateur lui-même peut faire cela, pas une clé d'API ni un jeton.",
    admin_scope: () =>
      'Un administrateur de la plateforme ne peut pas définir le mot de passe d’un propriétaire d’organisation : le propriétaire le réinitialise lui-même, ou un administrateur se fait passer pour lui (lecture et annulation uniquement).',
    insufficient_scope: () => "Portée insuffisante\u00a0; l'une de celles-ci est attendue\u00a0: delete:organizations.",
    forbidden_origin: () => 'Les requêtes intersites ne sont pas autorisées ici.',
    use_danger_zone: () => 'Cette action passe par la zone de danger, qui en applique les règles.',
    org_not_found: () => "Cette organisation n'existe pas.",
    not_found: () => 'Introuvable.',
    member_not_found: () => "Ce membre n'appartient pas à cette organisation.",
    deletion_blocked: () => "L'organisation ne peut pas encore être supprimée.",
    idempotency_key_in_use: () => 'Une requête avec cette Idempotency-Key est encore en cours de traitement. Réessayez une fois celle-ci terminée.',
    intent_expired: () => 'Cette confirmation a expiré ou a déjà été utilisée. Recommencez.',
    payload_too_large: () => 'Le corps de la requête est trop volumineux.',
    unsupported_media_type: () => 'Envoyez le corps de la requête au format application/json.',
    name_mismatch: () => "Le nom ne correspond pas. Saisissez-le exactement tel qu'il est affiché, majuscules et espaces compris.",
    acknowledgement_required: () => "Cochez d'abord chaque avertissement.",
    idempotency_key_reused: () => 'Cette Idempotency-Key a déjà servi pour une autre requête.',
    cooldown_active: ({ retryAfter = 0 }) => `Attendez la fin du délai de sécurité (encore ${seconds(retryAfter)}).`,
    rate_limited: ({ retryAfter }) => `Trop de tentatives. Réessayez dans ${count(wholeMinutes(retryAfter), { one: '# minute', other: '# minutes' })}.`,
    internal_error: () => 'Une erreur est survenue de notre côté.',
    database_busy: () => 'Le service est occupé. Réessayez dans un instant.',
    network_error: () => zone.networkFailed,
    http_error: () => "Le serveur n'a pas pu traiter la requête. Réessayez dans un instant.",
  },
};

export default fr;
