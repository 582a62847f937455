/** Español (tuteo, como la mayoría de las aplicaciones en español). */
import type { Catalogue, ZoneStrings } from './catalogue.js';
import { plural, wholeMinutes } from './plural.js';

const count = plural('es');
const days = (d: number) => count(d, { one: '# día', other: '# días' });
const seconds = (s: number) => count(s, { one: '# segundo', other: '# segundos' });

const zone: ZoneStrings = {
  title: 'Zona de peligro',
  loading: 'Cargando la zona de peligro…',
  loadFailed: 'No se pudo cargar la zona de peligro.',
  networkFailed: 'No se pudo contactar con el servidor. Comprueba tu conexión.',
  retry: 'Reintentar',
  signInRequired: 'Inicia sesión para gestionar esta organización.',
  notFound: 'Esta organización no existe o no eres miembro de ella.',
  noOrgId: 'No hay ninguna organización seleccionada.',
  leave: {
    title: 'Abandonar la organización',
    description: 'Pierdes el acceso de inmediato. Solo podrás volver con una nueva invitación.',
    button: 'Abandonar la organización',
    handOffButton: 'Transferir la propiedad y abandonar…',
  },
  delete: {
    title: 'Eliminar la organización',
    description: (d) => `Programa la eliminación definitiva de la organización dentro de ${days(d)}. Los propietarios pueden cancelarla hasta entonces.`,
    button: 'Eliminar la organización…',
  },
  exports: {
    title: 'Exportar datos',
    description: 'Descarga el registro de auditoría y la lista de miembros en CSV.',
    auditLog: 'Registro de auditoría (CSV)',
    members: 'Miembros (CSV)',
  },
  pending: {
    heading: 'Eliminación programada',
    scheduled: (date, relative) => `Esta organización se eliminará definitivamente el ${date} (${relative}).`,
    requestedBy: (name) => `Solicitada por ${name}.`,
    ownerHint: 'Hasta entonces, solo los propietarios pueden iniciar sesión. Exporta lo que necesites o cancela la eliminación.',
    cancel: 'Cancelar la eliminación',
    lockedHeading: 'Acceso suspendido',
    locked: (date, relative) => `Esta organización se eliminará el ${date} (${relative}), por lo que el acceso está suspendido.`,
    askOwners: 'Para conservarla, pide a un propietario que cancele la eliminación:',
  },
  legalHold: {
    notice: 'Hay una retención legal vigente: la organización no se puede eliminar hasta que se levante.',
    pending: 'Hay una retención legal vigente: la eliminación definitiva espera hasta que se levante.',
  },
};

export const es: Catalogue = {
  locale: 'es',
  dir: 'ltr',
  zone,
  dialogs: {
    close: 'Cancelar',
    working: 'Procesando…',
    cancelled: 'Se canceló la eliminación. La organización vuelve a estar activa.',
    roles: { owner: 'Propietario', admin: 'Administrador', member: 'Miembro' },
    leave: {
      title: (org) => `¿Abandonar ${org}?`,
      body: (org) => `Perderás el acceso a ${org} de inmediato. Tu cuenta y tus otras organizaciones no se ven afectadas.`,
      confirm: 'Abandonar',
      handOffTitle: (org) => `Traspasar ${org} y abandonarla`,
      handOffBody: 'Elige quién pasa a ser propietario. Esa persona asciende y tú abandonas la organización, en un solo paso.',
      successorLabel: 'Nuevo propietario',
      successorPlaceholder: 'Elige un miembro',
      handOffConfirm: 'Ascender y abandonar',
      done: (org) => `Has abandonado ${org}.`,
    },
    delete: {
      title: (org) => `Eliminar ${org}`,
      intro: (d) =>
        `Cuando confirmes, la organización se eliminará definitivamente dentro de ${days(d)}. Hasta entonces, solo los propietarios pueden iniciar sesión y cualquiera de ellos puede cancelarlo.`,
      removedHeading: 'Qué se elimina',
      removedMembers: (n) => `El acceso de ${count(n, { one: '# persona', other: '# personas' })}`,
      removedApiKeys: (n) =>
        count(n, { one: '# clave de API (deja de funcionar ahora mismo)', other: '# claves de API (dejan de funcionar ahora mismo)' }),
      removedInvitations: (n) => count(n, { one: '# invitación pendiente', other: '# invitaciones pendientes' }),
      removedCredits: (n) => count(n, { one: '# crédito restante', other: '# créditos restantes' }),
      removedSubscription: 'La suscripción activa, sin reembolso',
      removedData: 'Todos los recursos, la configuración y el registro de auditoría',
      keptHeading: 'Qué se conserva',
      kept: 'Las cuentas de usuario de las personas y sus otras organizaciones.',
      exportHeading: 'Exporta antes',
      acknowledgeHeading: 'Entiendo que',
      password: 'Tu contraseña',
      reauthBy: (time) => `Iniciaste sesión sin contraseña: confirma antes de las ${time} o vuelve a iniciar sesión.`,
      confirmLabel: 'Escribe el nombre de la organización para confirmar',
      confirm: 'Eliminar la organización',
      confirmWithCooldown: (s) => `Eliminar la organización (${s})`,
      cooldownStarted: (s) => `Por seguridad, podrás eliminarla dentro de ${seconds(s)}.`,
      cooldownOver: 'Ya puedes eliminar la organización.',
      preparing: 'Preparando…',
      scheduled: (date) => `La organización se eliminará el ${date}.`,
    },
  },
  messages: {
    impersonation_scope: () => 'Una sesión suplantada solo puede consultar el estado y cancelar una eliminación.',
    not_owner: () => 'Solo los propietarios pueden hacer esto.',
    not_admin: () => 'Solo los propietarios y los administradores pueden hacer esto.',
    org_pending_deletion: () => 'Esta organización está programada para eliminarse. Pide a un propietario que la cancele.',
    sole_owner: () => 'Eres el único propietario. Asciende primero a otro miembro a propietario.',
    sole_member: () => 'Eres el único miembro. Elimina la organización en su lugar.',
    already_pending: () => 'La eliminación ya está programada.',
    read_only: () => 'La organización es de solo lectura. Reactívala antes de eliminarla.',
    has_active_resources: ({ count: n = 0 }) =>
      count(n, { one: '# recurso activo debe darse de baja primero.', other: '# recursos activos deben darse de baja primero.' }),
    legal_hold: () => 'La organización está sujeta a una retención legal: no se puede eliminar hasta que se levante.',
    deletion_disabled: () => 'La eliminación de organizaciones está desactivada en este servicio. Contacta con el soporte.',
    reauth_required: () =>
      'Por seguridad, eliminar requiere un inicio de sesión reciente: cierra la sesión, vuelve a iniciarla y elimina en menos de 5 minutos.',
    not_pending: () => 'No hay ninguna eliminación programada.',
    purge_started: () => 'La eliminación definitiva ha comenzado y ya no se puede detener.',
    active_subscription: () => 'La suscripción activa termina sin reembolso. Cancélala antes para no perder el tiempo prorrateado.',
    credits_remaining: ({ balance = 0 }) => count(balance, { one: 'Se pierde # crédito restante.', other: 'Se pierden los # créditos restantes.' }),
    other_members: ({ count: n = 0 }) =>
      count(n, { one: 'Otra persona pierde el acceso.', other: 'Otras # personas pierden el acceso.' }),
    invalid_request: () => 'La solicitud no es válida.',
    invalid_uri: () => 'La ruta contiene un identificador mal formado.',
    invalid_successor: () => 'El sucesor debe ser otro miembro de esta organización.',
    unauthorized: () => 'Inicia sesión para continuar.',
    invalid_password: () => 'La contraseña no es correcta.',
    invalid_token: () => 'El token de acceso falta, está mal formado o se ha revocado.',
    user_session_required: () => 'Solo la propia sesión del usuario puede hacer esto, no una clave de API ni un token.',
    insufficient_scope: () => 'Alcance insuficiente; se esperaba alguno de: delete:organizations.',
    forbidden_origin: () => 'Aquí no se permiten solicitudes entre sitios.',
    use_danger_zone: () => 'Esta acción pasa por la zona de peligro, que aplica sus reglas.',
    org_not_found: () => 'Esta organización no existe.',
    not_found: () => 'No encontrado.',
    member_not_found: () => 'Ese miembro no pertenece a esta organización.',
    deletion_blocked: () => 'La organización aún no se puede eliminar.',
    idempotency_key_in_use: () => 'Todavía se está procesando una solicitud con esta Idempotency-Key. Vuelve a intentarlo cuando termine.',
    intent_expired: () => 'Esta confirmación caducó o ya se usó. Vuelve a empezar.',
    payload_too_large: () => 'El cuerpo de la solicitud es demasiado grande.',
    unsupported_media_type: () => 'Envía el cuerpo de la solicitud como application/json.',
    name_mismatch: () => 'El nombre no coincide. Escríbelo exactamente como se muestra, con mayúsculas y espacios.',
    acknowledgement_required: () => 'Confirma primero cada advertencia.',
    idempotency_key_reused: () => 'Esta Idempotency-Key ya se usó para otra solicitud.',
    cooldown_active: ({ retryAfter = 0 }) => `Espera a que termine el tiempo de seguridad (faltan ${seconds(retryAfter)}).`,
    rate_limited: ({ retryAfter }) =>
      `Demasiados intentos. Vuelve a intentarlo dentro de ${count(wholeMinutes(retryAfter), { one: '# minuto', other: '# minutos' })}.`,
    internal_error: () => 'Algo salió mal por nuestra parte.',
    database_busy: () => 'El servicio está ocupado. Inténtalo de nuevo en un momento.',
    network_error: () => zone.networkFailed,
    http_error: () => 'El servidor no pudo completar la solicitud. Inténtalo de nuevo en un momento.',
  },
};

export default es;
