/**
 * Relationship params (the Go mgmt's spelling): does the edge point away from the resource
 * that declares it, and does it notify? `Before`/`Notify` make this -> x; `Depend`/`Listen`
 * make x -> this; `Notify`/`Listen` are notifying edges (`~>`).
 */
export const RELATIONSHIPS: Readonly<Record<string, { readonly outgoing: boolean; readonly notify: boolean }>> = {
  Before: { outgoing: true, notify: false },
  Depend: { outgoing: false, notify: false },
  Notify: { outgoing: true, notify: true },
  Listen: { outgoing: false, notify: true },
};
