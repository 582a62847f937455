// The React wrapper: typed props and onOdz… event props.
import { OrgDangerZone } from 'org-danger-zone/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

export function mountReact(root: Element, orgId: string, log: (line: string) => void) {
  createRoot(root).render(
    <StrictMode>
      <OrgDangerZone
        id="react-element"
        orgId={orgId}
        apiBase="/api"
        onOdzLeft={(e) => log(`react left ${e.detail.orgId}`)}
        onOdzError={(e) => log(`react error ${e.detail.code}`)}
      />
    </StrictMode>,
  );
}
