/**
 * The base of the element's events (SPEC 5): they bubble and cross the shadow boundary, so a host
 * listens on the element or any ancestor.
 */
export abstract class OdzEvent<Detail> extends CustomEvent<Detail> {
  constructor(type: string, detail: Detail) {
    super(type, { detail, bubbles: true, composed: true });
  }
}
