// A standalone Angular component: CUSTOM_ELEMENTS_SCHEMA lets the template use <org-danger-zone>;
// [getToken] binds the property, (odz-left) listens to the event.
import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import 'org-danger-zone';
import type { OdzDeletionScheduledEvent, OdzErrorEvent } from 'org-danger-zone';

@Component({
  selector: 'app-settings',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `<org-danger-zone
    [attr.org-id]="orgId"
    api-base="/dz/api"
    [getToken]="getToken"
    (odz-left)="left()"
    (odz-deletion-scheduled)="scheduled($any($event))"
    (odz-error)="failed($any($event))"
  ></org-danger-zone>`,
})
export class SettingsComponent {
  orgId = 'org_123';
  getToken = async (): Promise<string | null> => sessionStorage.getItem('token');
  left(): void {
    location.assign('/');
  }
  scheduled(event: OdzDeletionScheduledEvent): void {
    location.assign(`/goodbye?purge=${encodeURIComponent(event.detail.purgeAt)}`);
  }
  failed(event: OdzErrorEvent): void {
    if (event.detail.signedOut) location.assign('/sign-in');
  }
}
