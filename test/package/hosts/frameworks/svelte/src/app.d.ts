// Types <org-danger-zone> in Svelte markup (svelte-check checks its attributes and events).
import type {} from 'org-danger-zone/svelte';
