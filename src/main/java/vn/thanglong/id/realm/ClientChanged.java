package vn.thanglong.id.realm;

/**
 * A client's stored state changed (created, updated, secret replaced, disabled or enabled):
 * published once this node's client snapshot shows the change, at once for a change made on
 * this node and within {@code idp.clients.refresh-interval} for one made on another. What is
 * derived from a client and cached (the authorization server's view of it) is dropped on it.
 *
 * @param id the client's internal identifier
 */
public record ClientChanged(String id, String realm, String clientId) {
}
