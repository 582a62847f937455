/**
 * A Vue 3 host app. The element is a plain custom element to Vue: the compiler is told so
 * (`isCustomElement`), `getToken` is bound as a DOM property (`.prop`), and the `odz-*` events are
 * listened to with `@odz-left` and friends. After leaving or scheduling a deletion it navigates
 * away; after a cancel it shows a notice.
 */
import { createApp, defineComponent, ref, watch } from 'vue';
import type { OdzErrorEvent } from '../../../widget/index.js';
import '../../../widget/index.js';
import { getToken, listOrgs, orgFromQuery, signIn, signOut, storedToken, type Org } from '../shared/session.js';

const App = defineComponent({
  setup() {
    const token = ref(storedToken());
    const email = ref('mia@example.com');
    const password = ref('danger-zone-demo');
    const error = ref('');
    const orgs = ref<Org[]>([]);
    const orgId = ref(orgFromQuery());
    const page = ref<'settings' | 'home'>('settings');
    const notice = ref('');

    watch(
      [token, page],
      async () => {
        if (!token.value) return;
        orgs.value = await listOrgs(token.value);
        if (!orgs.value.some((o) => o.id === orgId.value)) orgId.value = orgs.value[0]?.id ?? orgId.value;
      },
      { immediate: true },
    );

    const orgName = () => orgs.value.find((o) => o.id === orgId.value)?.name ?? 'the organization';
    return {
      token,
      email,
      password,
      error,
      orgs,
      orgId,
      page,
      notice,
      getToken,
      orgName,
      async submit() {
        try {
          token.value = await signIn(email.value, password.value);
          error.value = '';
        } catch (err) {
          error.value = (err as Error).message;
        }
      },
      leaveApp() {
        signOut();
        token.value = null;
      },
      onLeft() {
        notice.value = `You left ${orgName()}.`;
        page.value = 'home';
      },
      onScheduled(e: CustomEvent<{ purgeAt: string }>) {
        notice.value = `${orgName()} will be deleted on ${new Date(e.detail.purgeAt).toLocaleString()}.`;
        page.value = 'home';
      },
      onCancelled() {
        notice.value = 'The deletion was cancelled.';
      },
      onError(e: OdzErrorEvent) {
        // Only a session that is gone sends the user to sign in; a wrong password is the dialog's to explain.
        if (e.detail.signedOut) {
          signOut();
          token.value = null;
        }
      },
    };
  },
  template: `
    <form v-if="!token" class="card" @submit.prevent="submit">
      <h2>Sign in</h2>
      <label>Email <input name="email" v-model="email" /></label>
      <label>Password <input name="password" type="password" v-model="password" /></label>
      <button type="submit">Sign in</button>
      <p v-if="error" role="alert" class="error">{{ error }}</p>
    </form>
    <template v-else>
      <header class="app-bar">
        <strong>Acme Console (Vue)</strong>
        <nav>
          <button type="button" @click="page = 'home'">Home</button>
          <button type="button" @click="page = 'settings'">Settings</button>
          <button type="button" @click="leaveApp">Sign out</button>
        </nav>
      </header>
      <p v-if="notice" class="notice" role="status">{{ notice }}</p>
      <main v-if="page === 'home'" class="card" data-page="home">
        <h1>Home</h1>
        <p>Your organizations: {{ orgs.map((o) => o.name).join(', ') || 'none' }}</p>
      </main>
      <main v-else class="card" data-page="settings">
        <h1>Settings · {{ orgName() }}</h1>
        <label>Organization
          <select v-model="orgId"><option v-for="o in orgs" :key="o.id" :value="o.id">{{ o.name }}</option></select>
        </label>
        <org-danger-zone
          :key="orgId"
          :org-id="orgId"
          :getToken.prop="getToken"
          @odz-left="onLeft"
          @odz-deletion-scheduled="onScheduled"
          @odz-deletion-cancelled="onCancelled"
          @odz-error="onError"
        ></org-danger-zone>
      </main>
    </template>
  `,
});

const app = createApp(App);
app.config.compilerOptions.isCustomElement = (tag) => tag === 'org-danger-zone';
app.mount('#app');
