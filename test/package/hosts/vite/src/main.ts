// The element, registered by importing the package; typed through HTMLElementTagNameMap and the
// event map the package declares.
import 'org-danger-zone';
import type { OrgDangerZone } from 'org-danger-zone';
import { mountReact } from './react-app.js';

const orgId = new URLSearchParams(location.search).get('org') ?? '';
const events = document.querySelector<HTMLOutputElement>('#events')!;
const log = (line: string) => (events.textContent = `${events.textContent ?? ''}${line}\n`);

const element: OrgDangerZone | null = document.querySelector('org-danger-zone');
if (element) {
  element.orgId = orgId;
  element.addEventListener('odz-left', (e) => log(`left ${e.detail.orgId}`));
  element.addEventListener('odz-deletion-scheduled', (e) => log(`scheduled ${e.detail.orgId} ${e.detail.purgeAt}`));
  element.addEventListener('odz-deletion-cancelled', (e) => log(`cancelled ${e.detail.orgId}`));
  element.addEventListener('odz-error', (e) => log(`error ${e.detail.code} ${e.detail.status}`));
}

// Created from code, too: the constructor the tag name map gives back.
const another = document.createElement('org-danger-zone');
const typedOrgId: string = another.orgId;
void typedOrgId;

mountReact(document.querySelector('#react-root')!, orgId, log);
