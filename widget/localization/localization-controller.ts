/**
 * The element's language: its own `lang`, else `<html lang>` (both followed at runtime through a
 * MutationObserver), else the browser's. It loads the catalogue that serves it and formats
 * dates and numbers for it with `Intl`.
 *
 * English renders at once from the zone strings in the first chunk (`en-zone.ts`); until the rest
 * of its catalogue has loaded, a reason reads as the BFF wrote it, which is the same English table
 * (`shared/messages.ts`). Any other language shows the loading state until its catalogue is in, and
 * a switch keeps the previous strings on screen until the new ones have arrived.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Reason, Warning } from '../../shared/policy.js';
import type { Catalogue, CatalogueSource, ZoneStrings } from '../translations/catalogue.js';
import { enZone } from '../translations/en-zone.js';

type Host = ReactiveControllerHost & HTMLElement;

const language = (tag: string) => tag.toLowerCase().split('-')[0];

/** The built-in languages, each its own chunk: a page downloads only the one it shows. */
const builtIn: Record<string, () => Promise<{ default: Catalogue }>> = {
  en: () => import('../translations/en.js'),
  de: () => import('../translations/de.js'),
  fr: () => import('../translations/fr.js'),
  es: () => import('../translations/es.js'),
  ja: () => import('../translations/ja.js'),
  ar: () => import('../translations/ar.js'),
};

export class LocalizationController implements ReactiveController {
  /**
   * Which catalogue serves which language, for every element of the page: the built-in ones and a
   * host's (`OrgDangerZone.registerLocale`). The elements on the page are told of a registration.
   */
  static #sources = new Map<string, CatalogueSource>(Object.entries(builtIn));
  static #connected = new Set<LocalizationController>();

  static register(tag: string, source: CatalogueSource): void {
    LocalizationController.#sources.set(tag.toLowerCase(), source);
    for (const controller of LocalizationController.#connected) controller.#resolve(true);
  }

  /** The key that serves a BCP 47 tag: the tag itself, else each shorter prefix ("de-CH" → "de"), else English. */
  static resolve(tag: string): string {
    const parts = tag.toLowerCase().split('-');
    while (parts.length > 0 && !LocalizationController.#sources.has(parts.join('-'))) parts.pop();
    return parts.join('-') || 'en';
  }

  /** The catalogue for a key. Loading twice costs nothing: the browser keeps each imported module once. */
  static async load(key: string): Promise<Catalogue> {
    const source = LocalizationController.#sources.get(key) ?? builtIn.en!;
    const loaded = typeof source === 'function' ? await source() : source;
    return 'default' in loaded ? loaded.default : loaded;
  }

  #host: Host;
  #observer: MutationObserver | undefined;
  /** The tag asked for, and the registry key serving it. */
  #tag = '';
  #key = '';
  /** The complete catalogue on screen; none while English renders from its first-render strings. */
  #shown: Catalogue | undefined;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  /** Whether the zone can render: in English at once, in another language once its catalogue is in. */
  get ready(): boolean {
    return this.#key === 'en' || this.#shown !== undefined;
  }

  /** The complete catalogue, once `complete()` (or any language but English) has brought it in. */
  get catalogue(): Catalogue | undefined {
    return this.#shown;
  }

  get zone(): ZoneStrings {
    return this.#shown?.zone ?? enZone;
  }

  get dir(): 'ltr' | 'rtl' {
    return this.#shown?.dir ?? 'ltr';
  }

  /** The locale for `Intl`: the tag asked for when its language is the one shown ("de-CH"), else the catalogue's. */
  get locale(): string {
    const shown = this.#shown?.locale ?? 'en';
    return language(this.#tag) === language(shown) ? this.#tag : shown;
  }

  /** Loads the whole catalogue of the current language (the dialogs need it) and shows it. */
  async complete(): Promise<Catalogue> {
    const key = this.#key;
    const catalogue = await LocalizationController.load(key);
    if (key === this.#key && this.#shown !== catalogue) {
      this.#shown = catalogue;
      this.#host.requestUpdate();
    }
    return catalogue;
  }

  /** A reason's or a warning's text: ours from the catalogue, a host's as the host wrote it (with its count). */
  notice(notice: Reason | Warning): string {
    if ('host' in notice) {
      const count = notice.params?.count;
      return count === undefined ? notice.message : `${notice.message} (${count.toLocaleString(this.locale)})`;
    }
    return this.#shown?.messages[notice.code](notice.params ?? {}) ?? notice.message;
  }

  hostConnected(): void {
    // The element's own `lang` and the page's: a change to either may change the language.
    this.#observer = new MutationObserver(() => this.#resolve());
    for (const node of [this.#host, document.documentElement]) this.#observer.observe(node, { attributes: true, attributeFilter: ['lang'] });
    LocalizationController.#connected.add(this);
    this.#resolve();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    LocalizationController.#connected.delete(this);
  }

  /**
   * Follows the tag asked for. English at first paint needs nothing loaded; any other language,
   * a switch once something is shown, or a host's new registration loads the complete catalogue.
   */
  #resolve(registered = false): void {
    const tag = this.#host.lang || document.documentElement.lang || navigator.language || 'en';
    if (tag === this.#tag && !registered) return;
    this.#tag = tag;
    const key = LocalizationController.resolve(tag);
    if (key !== this.#key || registered) {
      this.#key = key;
      if (key !== 'en' || registered || this.#shown) void this.complete();
    }
    this.#host.requestUpdate();
  }
}
