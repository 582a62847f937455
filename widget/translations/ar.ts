/**
 * العربية الفصحى. The six plural categories of Arabic come from `Intl.PluralRules('ar')`, and
 * the numbers from `Intl.NumberFormat('ar')`. Names (of the organization, of people) are wrapped
 * in Unicode isolates so a Latin name with punctuation cannot reorder the sentence around it.
 */
import type { Catalogue, RareStrings, ZoneStrings } from './catalogue.js';
import type { PluralForms } from './plural.js';
import { plural, wholeMinutes } from './plural.js';

const count = plural('ar');
const isolate = (name: string) => `\u2068${name}\u2069`;
const days = (d: number) => count(d, { zero: '# يوم', one: 'يوم واحد', two: 'يومين', few: '# أيام', many: '# يومًا', other: '# يوم' });
const seconds = (s: number) => count(s, { zero: '# ثانية', one: 'ثانية واحدة', two: 'ثانيتين', few: '# ثوانٍ', many: '# ثانية', other: '# ثانية' });
const minutes: PluralForms = { zero: '# دقيقة', one: 'دقيقة واحدة', two: 'دقيقتين', few: '# دقائق', many: '# دقيقة', other: '# دقيقة' };

const zone: ZoneStrings = {
  title: 'منطقة الخطر',
  loading: 'جارٍ تحميل منطقة الخطر…',
  networkFailed: 'تعذّر الوصول إلى الخادم. تحقّق من اتصالك.',
  retry: 'إعادة المحاولة',
  leave: {
    title: 'مغادرة المؤسسة',
    description: 'ستفقد الوصول فورًا، ولن تتمكن من العودة إلا بدعوة جديدة.',
    button: 'مغادرة المؤسسة',
    handOffButton: 'نقل الملكية والمغادرة…',
  },
  delete: {
    title: 'حذف المؤسسة',
    description: (d) => `يُجدوِل حذف المؤسسة نهائيًا بعد ${days(d)}، ويمكن للمالكين إلغاؤه حتى ذلك الحين.`,
    button: 'حذف المؤسسة…',
  },
  exports: {
    title: 'تصدير البيانات',
    description: 'نزّل سجل التدقيق وقائمة الأعضاء بصيغة CSV.',
    auditLog: 'سجل التدقيق (CSV)',
    members: 'الأعضاء (CSV)',
  },
};

const rare: RareStrings = {
  signInRequired: 'سجّل الدخول لإدارة هذه المؤسسة.',
  notFound: 'هذه المؤسسة غير موجودة، أو أنك لست عضوًا فيها.',
  noOrgId: 'لم تُحدَّد أي مؤسسة.',
  loadFailed: 'تعذّر تحميل منطقة الخطر.',
  heading: 'الحذف مُجدوَل',
  scheduled: (date, relative) => `ستُحذف هذه المؤسسة نهائيًا في ${date} (${relative}).`,
  requestedBy: (name, date) => `بطلب من ${isolate(name)} في ${date}.`,
  effects: 'أُبلغ كل الأعضاء بالبريد الإلكتروني. سُجّل خروج الأعضاء غير المالكين منها ولم يعد بإمكانهم فتحها، وتوقفت مفاتيح API الخاصة بها.',
  kept: 'تبقى حسابات المستخدمين ومؤسساتهم الأخرى كما هي.',
  ownerHint: 'حتى ذلك الحين يستطيع المالكون تسجيل الدخول وتصدير ما يحتاجون إليه وإلغاء الحذف.',
  cancel: 'إلغاء الحذف',
  lockedHeading: 'الوصول معلّق',
  locked: (date, relative) => `ستُحذف هذه المؤسسة في ${date} (${relative})، لذا أُغلقت أمام الجميع عدا مالكيها.`,
  askOwners: 'للإبقاء عليها، اطلب من أحد المالكين إلغاء الحذف:',
  legalHold: {
    notice: 'تخضع المؤسسة لحجز قانوني، فلا يمكن حذفها حتى يُرفع.',
    pending: 'تخضع المؤسسة لحجز قانوني، فالحذف النهائي ينتظر حتى يُرفع.',
  },
};

export const ar: Catalogue = {
  locale: 'ar',
  dir: 'rtl',
  zone,
  rare,
  dialogs: {
    close: 'إلغاء',
    working: 'جارٍ التنفيذ…',
    retry: 'إعادة المحاولة',
    cancelled: 'أُلغي الحذف. عادت المؤسسة نشطة، وأُبلغ كل الأعضاء بالبريد الإلكتروني.',
    offer: {
      heading: 'عرض ملكية لك',
      body: (name, date) => `يعرض عليك ${name} أن تصبح مالكًا لهذه المؤسسة. يبقى العرض قائمًا حتى ${date}.`,
      leaveAfter: 'سيغادر المؤسسة بمجرد قبولك.',
      accept: 'قبول',
      decline: 'رفض',
    },
    offerAccepted: 'أصبحت الآن مالكًا لهذه المؤسسة.',
    offerDeclined: 'رفضت العرض. لم يتغير شيء.',
    roles: { owner: 'مالك', admin: 'مشرف', member: 'عضو' },
    leave: {
      title: (org) => `مغادرة ${isolate(org)}؟`,
      body: (org) => `ستفقد الوصول إلى ${isolate(org)} فورًا. لن يتأثر حسابك ولا مؤسساتك الأخرى.`,
      confirm: 'مغادرة',
      handOffTitle: (org) => `نقل ملكية ${isolate(org)} والمغادرة`,
      handOffBody: 'يصبح العضو الذي تختاره مالكًا وتغادر أنت، في خطوة واحدة: ينتهي وصولك فورًا. لن يُبلَّغ بذلك، فأخبره بنفسك.',
      successorLabel: 'المالك الجديد',
      successorSearch: 'ابحث في الأعضاء',
      successorNone: 'لا يوجد عضو مطابق.',
      handOffConfirm: 'نقل الملكية والمغادرة',
      done: (org) => `لقد غادرت ${isolate(org)}.`,
    },
    delete: {
      title: (org) => `حذف ${isolate(org)}`,
      intro: (d, date) =>
        `إذا أكّدت الآن، فستُحذف المؤسسة نهائيًا في ${date}، أي بعد ${days(d)}. يُبلَّغ كل الأعضاء بالبريد الإلكتروني، ويفقد الأعضاء غير المالكين الوصول فورًا، وتتوقف مفاتيح API الخاصة بالمؤسسة. يمكن لأي مالك الإلغاء حتى ذلك الحين.`,
      removedHeading: 'ما سيُحذف',
      removedMembers: (n) => `وصول ${count(n, { zero: '# شخص', one: 'شخص واحد', two: 'شخصين', few: '# أشخاص', many: '# شخصًا', other: '# شخص' })}`,
      removedApiKeys: (n) =>
        `${count(n, { zero: '# مفتاح API', one: 'مفتاح API واحد', two: 'مفتاحا API', few: '# مفاتيح API', many: '# مفتاحًا من مفاتيح API', other: '# مفتاح API' })} (تتوقف عن العمل الآن)`,
      removedInvitations: (n) =>
        count(n, { zero: '# دعوة معلّقة', one: 'دعوة واحدة معلّقة', two: 'دعوتان معلّقتان', few: '# دعوات معلّقة', many: '# دعوةً معلّقة', other: '# دعوة معلّقة' }),
      removedCredits: (n) =>
        `الرصيد المتبقي: ${count(n, { zero: '# نقطة', one: 'نقطة واحدة', two: 'نقطتان', few: '# نقاط', many: '# نقطة', other: '# نقطة' })}`,
      removedSubscription: 'الاشتراك النشط، دون استرداد',
      removedData: 'جميع الموارد والإعدادات وسجل التدقيق',
      keptHeading: 'ما سيبقى',
      kept: 'حسابات المستخدمين ومؤسساتهم الأخرى.',
      exportHeading: 'صدّر أولًا',
      acknowledgeHeading: 'أكّد أنك تدرك ما يلي',
      billingLink: 'فتح صفحة الفوترة',
      password: 'كلمة المرور',
      stepUpHeading: 'أكِّد هويتك',
      stepUpMethods: {
        totp: 'تطبيق المصادقة أو رمز احتياطي',
        email_otp: 'رمز عبر البريد الإلكتروني',
        password: 'كلمة المرور',
        recent_sign_in: 'تسجيل دخولي قبل قليل',
      },
      totpCode: 'الرمز من تطبيق المصادقة، أو رمز احتياطي',
      emailCode: 'الرمز الوارد في البريد',
      sendCode: 'أرسل لي رمزًا عبر البريد',
      resendCode: 'أرسل رمزًا جديدًا',
      codeSent: (to) => `أرسلنا رمزًا إلى ${to}.`,
      reauthBy: (time) => `سجّلت الدخول دون كلمة مرور: أكّد قبل ${time}، أو سجّل الدخول مرة أخرى.`,
      confirmLabel: 'اكتب اسم المؤسسة للتأكيد',
      exactNameHint: 'تمامًا كما يظهر: حالة الأحرف وعلامات الترقيم والمسافات (المعلَّمة بـ ·) كلها مهمة.',
      confirm: 'حذف المؤسسة',
      cooldownStarted: (s) => `حرصًا على أمانك، يصبح الحذف ممكنًا بعد ${seconds(s)}.`,
      cooldownOver: 'يمكنك الآن حذف المؤسسة.',
      preparing: 'جارٍ التحضير…',
      stillNeeded: (list) => `للحذف، ما زال عليك ${list}.`,
      needAcknowledgements: (c) =>
        count(c, { zero: 'تحديد # مربع', one: 'تحديد مربع واحد', two: 'تحديد مربعين', few: 'تحديد # مربعات', many: 'تحديد # مربعًا', other: 'تحديد # مربع' }),
      needPassword: 'إدخال كلمة المرور',
      needCode: 'إدخال الرمز',
      needName: 'كتابة الاسم تمامًا كما يظهر',
      needCooldown: (s) => `الانتظار ${seconds(s)}`,
      needIntent: 'الانتظار حتى يصبح التأكيد جاهزًا',
      needUnlock: (time) => `الانتظار حتى ${time}`,
      fieldAcknowledgements: 'حدّد كل المربعات لتأكيد أنك تدرك ذلك.',
      fieldPassword: 'أدخل كلمة المرور.',
      fieldCode: 'أدخل الرمز.',
      fieldName: {
        empty: 'اكتب اسم المؤسسة.',
        case: 'تحقّق من الأحرف الكبيرة والصغيرة: يجب أن تتطابق تمامًا.',
        spaces: 'تحقّق من المسافات، بما فيها التي في البداية والنهاية.',
        differs: 'لا يطابق الاسم بعد.',
      },
      lastAttempt: (time) => `بقيت محاولة واحدة: بعد خطأ آخر سيُقفل الحذف حتى ${time}.`,
      locked: (time) => `محاولات كثيرة جدًا. يمكنك المحاولة مجددًا في ${time}.`,
      renewed: 'انتهت صلاحية هذا التأكيد، لذا بدأ تأكيد جديد. ما كتبته محفوظ.',
    },
  },
  messages: {
    impersonation_scope: () => 'جلسة انتحال الهوية لا يمكنها سوى قراءة الحالة وإلغاء الحذف.',
    not_owner: () => 'لا يمكن القيام بهذا إلا للمالكين.',
    not_admin: () => 'لا يمكن القيام بهذا إلا للمالكين والمشرفين.',
    org_pending_deletion: () => 'هذه المؤسسة مُجدوَلة للحذف. اطلب من أحد المالكين إلغاءه.',
    sole_owner: () => 'أنت المالك الوحيد. رقِّ عضوًا آخر إلى مالك أولًا.',
    sole_member: () => 'أنت العضو الوحيد. احذف المؤسسة بدلًا من ذلك.',
    already_pending: () => 'الحذف مُجدوَل بالفعل.',
    read_only: () => 'المؤسسة للقراءة فقط. أعد تفعيلها قبل حذفها.',
    has_active_resources: ({ count: n = 0 }) =>
      count(n, {
        zero: 'لا توجد موارد نشطة.',
        one: 'يجب إيقاف مورد نشط واحد أولًا.',
        two: 'يجب إيقاف موردين نشطين أولًا.',
        few: 'يجب إيقاف # موارد نشطة أولًا.',
        many: 'يجب إيقاف # موردًا نشطًا أولًا.',
        other: 'يجب إيقاف # مورد نشط أولًا.',
      }),
    legal_hold: () => 'تخضع المؤسسة لحجز قانوني، فلا يمكن حذفها حتى يُرفع الحجز.',
    deletion_disabled: () => 'حذف المؤسسات معطّل في هذه الخدمة. تواصل مع الدعم.',
    reauth_required: () => `حرصًا على أمانك، يتطلب الحذف تسجيل دخول حديثًا: سجّل الخروج ثم سجّل الدخول مجددًا، ثم احذف خلال ${count(5, minutes)}.`,
    not_pending: () => 'لا يوجد حذف مُجدوَل.',
    purge_started: () => 'بدأ الحذف النهائي ولم يعد إيقافه ممكنًا.',
    active_subscription: () => 'ينتهي الاشتراك النشط دون استرداد. ألغِه أولًا كي لا تخسر المدة المتبقية.',
    credits_remaining: ({ balance = 0 }) =>
      `سيضيع الرصيد المتبقي (${count(balance, { zero: '# نقطة', one: 'نقطة واحدة', two: 'نقطتان', few: '# نقاط', many: '# نقطة', other: '# نقطة' })}).`,
    other_members: ({ count: n = 0 }) =>
      count(n, {
        zero: 'لن يفقد أحد آخر الوصول.',
        one: 'سيفقد شخص آخر الوصول.',
        two: 'سيفقد شخصان آخران الوصول.',
        few: 'سيفقد # أشخاص آخرين الوصول.',
        many: 'سيفقد # شخصًا آخر الوصول.',
        other: 'سيفقد # شخص آخر الوصول.',
      }),
    invalid_request: () => 'الطلب غير صالح.',
    invalid_uri: () => 'يحتوي المسار على معرّف غير صالح.',
    invalid_successor: () => 'يجب أن يكون الخلف عضوًا آخر في هذه المؤسسة.',
    invalid_offer: () => 'اعرض الملكية على عضو آخر في هذه المؤسسة ليس مالكًا بعد.',
    offer_not_found: () => 'لا يوجد عرض ملكية كهذا لك.',
    offer_pending: () => 'هناك عرض لهذا العضو ينتظر الرد بالفعل.',
    offer_answered: () => 'تم الرد على هذا العرض أو سحبه بالفعل.',
    offer_expired: () => 'انتهت صلاحية هذا العرض. اطلب من المالك عرضه مرة أخرى.',
    unauthorized: () => 'سجّل الدخول للمتابعة.',
    invalid_password: () => 'كلمة المرور غير صحيحة.',
    invalid_code: () => 'الرمز غير صحيح أو انتهت صلاحيته.',
    step_up_required: () => 'أكِّد هويتك أولًا بإحدى الطرق المعروضة.',
    invalid_token: () => 'رمز الوصول مفقود أو تالف أو ملغى.',
    user_session_required: () => 'لا يمكن القيام بهذا إلا من جلسة المستخدم نفسه، لا بمفتاح API ولا برمز وصول.',
    admin_scope: () =>
      'لا يمكن لمسؤول المنصة تغيير كلمة مرور مالك مؤسسة أو بريده الإلكتروني أو رقم هاتفه: يغيّرها المالك بنفسه، أو ينتحل المسؤول هويته (القراءة والإلغاء فقط).',
    insufficient_scope: () => 'النطاق غير كافٍ؛ المتوقع أحد النطاقات التالية: delete:organizations.',
    forbidden_origin: () => 'الطلبات من مواقع أخرى غير مسموح بها هنا.',
    use_danger_zone: () => 'يمر هذا الإجراء عبر منطقة الخطر التي تطبّق قواعده.',
    org_not_found: () => 'هذه المؤسسة غير موجودة.',
    not_found: () => 'غير موجود.',
    api_key_not_found: () => 'لا يوجد مفتاح API كهذا في هذه المؤسسة.',
    member_not_found: () => 'لا يوجد هذا العضو في هذه المؤسسة.',
    deletion_blocked: () => 'لا يمكن حذف المؤسسة بعد.',
    idempotency_key_in_use: () => 'لا يزال طلب بمفتاح Idempotency-Key هذا قيد المعالجة. أعد المحاولة بعد انتهائه.',
    intent_expired: () => 'انتهت صلاحية هذا التأكيد أو سبق استخدامه. ابدأ من جديد.',
    payload_too_large: () => 'نص الطلب كبير جدًا.',
    unsupported_media_type: () => 'أرسل نص الطلب بصيغة application/json.',
    name_mismatch: () => 'الاسم غير مطابق. اكتبه تمامًا كما هو معروض، بما في ذلك حالة الأحرف والمسافات.',
    purge_date_out_of_range: ({ min = 0, max = 0 }) => `اختر تاريخ حذف بين ${min} و${max} يومًا من الآن.`,
    acknowledgement_required: () => 'أقِرّ بكل تحذير أولًا.',
    idempotency_key_reused: () => 'سبق استخدام مفتاح Idempotency-Key هذا لطلب مختلف.',
    cooldown_active: ({ retryAfter = 0 }) => `انتظر انتهاء مهلة الأمان (بقي ${seconds(retryAfter)}).`,
    rate_limited: ({ retryAfter }) => `محاولات كثيرة جدًا. أعد المحاولة بعد ${count(wholeMinutes(retryAfter), minutes)}.`,
    internal_error: () => 'حدث خطأ من جهتنا.',
    database_busy: () => 'الخدمة مشغولة. أعد المحاولة بعد قليل.',
    network_error: () => zone.networkFailed,
    http_error: () => 'تعذّر على الخادم إتمام الطلب. أعد المحاولة بعد قليل.',
  },
};

export default ar;
