/**
 * The journeys' key states in each of the six built-in languages on the QA page, with screenshots
 * under test-results/screenshots/languages/<lang>/: the zone, a refused action's reason, the
 * hand-off, the delete dialog and a wrong password in it, the owners' pending banner, the notice
 * of a member it locks out, the leave dialog and its notice. Each state shows its catalogue's own
 * words (read back from the page), and Chromium says which fonts drew the Japanese and the Arabic:
 * Debian's Noto CJK and Arabic fonts (fonts-noto-cjk, fonts-noto-core; `.ci/run` installs them),
 * not a fallback's empty boxes.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../widget/translations/catalogue.js';
import { ar } from '../../widget/translations/ar.js';
import { de } from '../../widget/translations/de.js';
import { en } from '../../widget/translations/en.js';
import { es } from '../../widget/translations/es.js';
import { fr } from '../../widget/translations/fr.js';
import { ja } from '../../widget/translations/ja.js';
import { hasAttribute, launchBrowser, newPage, part, qaSignIn, resetDemo, screenshot, shows, startServer, usePassword, type Server } from './harness.js';

let server: Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});
beforeEach(async () => {
  ({ page } = await newPage(browser));
  await resetDemo(page, server);
});

/** The font families Chromium drew an element's text with (inside shadow roots too), from the DevTools protocol. */
async function fontsOf(cdp: CDPSession, id: string): Promise<string[]> {
  type Node = { nodeId: number; attributes?: string[]; children?: Node[]; shadowRoots?: Node[] };
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
  const find = (node: Node): Node | undefined => {
    const attributes = node.attributes ?? [];
    for (let i = 0; i < attributes.length; i += 2) if (attributes[i] === 'id' && attributes[i + 1] === id) return node;
    for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
      const found = find(child);
      if (found) return found;
    }
    return undefined;
  };
  const node = find(root);
  if (!node) throw new Error(`no element #${id}`);
  const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId: node.nodeId })) as { fonts: { familyName: string; glyphCount: number }[] };
  return fonts.filter((f) => f.glyphCount > 0).map((f) => f.familyName);
}

/**
 * Fonts that cover each script, one of which must have drawn it: Noto CJK for Japanese; for Arabic Noto's or DejaVu
 * Sans (Debian's fontconfig prefers it for `sans-serif`, and it has Arabic glyphs). Without them Chromium draws empty boxes.
 */
const scriptFonts: Partial<Record<string, RegExp>> = { ja: /Noto (Sans|Serif) CJK/, ar: /Arabic|DejaVu Sans/ };

const zone = (p: Page) => p.locator('org-danger-zone');

describe('the journeys in six languages', () => {
  for (const t of [en, de, fr, es, ja, ar] as Catalogue[]) {
    it(`${t.locale}: each key state in the catalogue's words, drawn with the script's fonts, and a screenshot of it`, async () => {
      const shot = (step: string) => screenshot(page, `languages/${t.locale}`, step);
      await page.locator('#lang').selectOption(t.locale);

      // The only owner: Leave refused and why; the hand-off instead.
      await qaSignIn(page, 'Olivia Owner', 'Acme Robotics');
      await shows(zone(page).locator('#zone-title'), t.zone.title);
      // Arabic lays itself out right to left, whatever the page says.
      await zone(page)
        .locator(t.dir === 'rtl' ? `section[lang="${t.locale}"][dir="rtl"]` : `section[lang="${t.locale}"]`)
        .waitFor();
      const fonts = scriptFonts[t.locale];
      if (fonts) {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('DOM.enable');
        await cdp.send('CSS.enable');
        const drawn = await fontsOf(cdp, 'zone-title');
        expect(
          drawn.some((family) => fonts.test(family)),
          `the fonts that drew "${t.zone.title}": ${drawn.join(', ')}`,
        ).toBe(true);
        await cdp.detach();
      }
      await shot('1-zone');
      await part(page, 'leave-button').hover();
      await shows(zone(page).locator('#leave-reasons'), t.messages.sole_owner({}));
      await shot('2-reason');
      await page.mouse.move(0, 0);
      await part(page, 'hand-off-button').click();
      await shows(zone(page).locator('#dialog-title'), t.dialogs.leave.handOffTitle('Acme Robotics'));
      await shot('3-hand-off-dialog');
      await part(page, 'close-button').click();

      // The owner deletes: the dialog, a wrong password said under its field, then the banner.
      await qaSignIn(page, 'Hank Hooli', 'Hooli XYZ');
      await part(page, 'delete-button').click();
      await shows(zone(page).locator('#dialog-title'), t.dialogs.delete.title('Hooli XYZ'));
      await shot('4-delete-dialog');
      for (const box of await zone(page).locator('[part~="acknowledgement"] input').all()) await box.check();
      await usePassword(page);
      await part(page, 'password-input').fill('not-the-password');
      await part(page, 'confirm-input').fill('Hooli XYZ');
      // After the cooldown (the server's 4 s in this suite) Delete is ready.
      await hasAttribute(part(page, 'confirm-button'), 'aria-disabled', 'false');
      await part(page, 'confirm-button').click();
      await shows(zone(page).locator('#password-error'), t.messages.invalid_password({}));
      await shot('5-wrong-password');
      await part(page, 'password-input').fill('danger-zone-demo');
      await part(page, 'confirm-button').click();
      await shows(part(page, 'banner'), t.rare.heading);
      await shows(part(page, 'banner'), t.rare.kept);
      await shot('6-pending-banner');

      // A member of that org is told why it is closed to them.
      await qaSignIn(page, 'Mia Member', 'Hooli XYZ');
      await shows(part(page, 'banner'), t.rare.lockedHeading);
      await shot('7-locked');

      // She leaves another org.
      await qaSignIn(page, 'Mia Member', 'Globex Partners');
      await part(page, 'leave-button').click();
      await shows(zone(page).locator('#dialog-title'), t.dialogs.leave.title('Globex Partners'));
      await shot('8-leave-dialog');
      await part(page, 'confirm-button').click();
      await shows(zone(page).locator('section'), t.dialogs.leave.done('Globex Partners'));
      await shot('9-left');
    });
  }
});
