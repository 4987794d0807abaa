package vn.thanglong.id.oidc;

/**
 * Whether the authorization server revoked an access token (RFC 7009), asked by the
 * provider's own resource servers (the admin API, SCIM) that verify access tokens themselves.
 * A self-contained token is known by its {@code jti}; the answer is the same on every node.
 */
public interface AccessTokenRevocations {

	boolean isRevoked(String tokenId);

}
