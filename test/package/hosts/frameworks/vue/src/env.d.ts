// Types <org-danger-zone> in templates (vue-tsc checks its props and events).
import type {} from 'org-danger-zone/vue';

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
