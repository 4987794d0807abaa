package vn.thanglong.id.realm;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * One agency system (relying party) of a realm, as declared in
 * {@code realm-config/<realm>/clients/*.yaml}. Its secret is never part of this record.
 *
 * @param clientId the OAuth 2.0 client identifier, unique within the realm
 * @param name the agency system's name, shown on the consent page
 * @param authMethod how the client authenticates at the token endpoint
 * @param redirectUris exact redirect URIs (RFC 9700 section 4.1.3: exact matching)
 * @param postLogoutRedirectUris exact URIs allowed after RP-initiated logout
 * @param grantTypes {@code authorization_code}, {@code refresh_token}, {@code client_credentials}
 * @param scopes the scopes the client may request
 * @param consentRequired whether the user is asked for consent
 * @param idTokenSignedResponseAlg {@code RS256} or {@code ES256}
 * @param jwksUri where the client publishes its keys ({@code private_key_jwt})
 * @param jwks the client's public keys inline, as a JWK Set document
 * @param subjectType {@code pairwise} (default: a different {@code sub} per sector, OIDC Core
 * section 8) or {@code public} (the same {@code sub} for every client)
 * @param sectorIdentifierUri where the client lists its redirect URIs, to be one sector with them
 * (OIDC Core section 8.1); checked when the realm is loaded
 * @param adminUnit the agency code of the unit whose subtree the client administers through the
 * admin API (delegated administration, carried as the {@code admin_unit} claim of its access
 * tokens), or {@code null} for a realm administrator or a client that does not administer
 * @param grantLifetime how long one grant can be kept up by its refresh tokens, counted from
 * the code it began with: rotation gives every refresh token the full
 * {@code refreshTokenLifetime}, but none outlives this (RFC 9700 section 4.14.2: refresh tokens
 * expire; without it a client refreshing now and then would hold the grant for good)
 * @param introspectsTokensOf the clients of the realm whose tokens this client, a resource
 * server, may introspect (RFC 7662 section 4: the server decides which protected resources may
 * learn about which tokens); a client introspects its own tokens, and those naming it in
 * {@code aud}, without being listed here
 */
public record ClientDefinition(String clientId, String name, ClientAuthMethod authMethod,
		List<String> redirectUris, List<String> postLogoutRedirectUris, Set<String> grantTypes,
		Set<String> scopes, boolean consentRequired, String idTokenSignedResponseAlg,
		Duration accessTokenLifetime, Duration refreshTokenLifetime, Duration authorizationCodeLifetime,
		Duration idTokenLifetime, @Nullable String jwksUri, @Nullable String jwks, String subjectType,
		@Nullable String sectorIdentifierUri, @Nullable String adminUnit, Duration grantLifetime,
		Set<String> introspectsTokensOf) {

	public static final String PAIRWISE = "pairwise";

	/** The default {@code grantLifetime}: a month. */
	public static final Duration DEFAULT_GRANT_LIFETIME = Duration.ofDays(30);

	public static final String PUBLIC = "public";

	public ClientDefinition {
		// a definition stored before subject types existed reads back without one
		subjectType = (subjectType == null) ? PAIRWISE : subjectType;
		// nor one stored before grant lifetimes existed a grant lifetime
		grantLifetime = (grantLifetime == null) ? DEFAULT_GRANT_LIFETIME : grantLifetime;
		// nor one stored before introspection was restricted the clients it may introspect for
		introspectsTokensOf = sorted((introspectsTokensOf == null) ? Set.of() : introspectsTokensOf);
		redirectUris = List.copyOf(redirectUris);
		postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
		grantTypes = sorted(grantTypes);
		scopes = sorted(scopes);
	}

	/**
	 * An unmodifiable copy in a fixed order. {@code Set.copyOf} iterates in an order salted anew
	 * at every JVM start, so the stored JSON (and its hash) would differ from one start to the
	 * next and the realm import would rewrite every unchanged client.
	 */
	private static Set<String> sorted(Set<String> values) {
		return Collections.unmodifiableSortedSet(new TreeSet<>(values));
	}

	/** A client bound to no admin unit. */
	public ClientDefinition(String clientId, String name, ClientAuthMethod authMethod, List<String> redirectUris,
			List<String> postLogoutRedirectUris, Set<String> grantTypes, Set<String> scopes, boolean consentRequired,
			String idTokenSignedResponseAlg, Duration accessTokenLifetime, Duration refreshTokenLifetime,
			Duration authorizationCodeLifetime, Duration idTokenLifetime, @Nullable String jwksUri,
			@Nullable String jwks, String subjectType, @Nullable String sectorIdentifierUri) {
		this(clientId, name, authMethod, redirectUris, postLogoutRedirectUris, grantTypes, scopes, consentRequired,
				idTokenSignedResponseAlg, accessTokenLifetime, refreshTokenLifetime, authorizationCodeLifetime,
				idTokenLifetime, jwksUri, jwks, subjectType, sectorIdentifierUri, null, DEFAULT_GRANT_LIFETIME,
				Set.of());
	}

	/** A client with pairwise subjects, with {@code sectorIdentifierUri} absent. */
	public ClientDefinition(String clientId, String name, ClientAuthMethod authMethod, List<String> redirectUris,
			List<String> postLogoutRedirectUris, Set<String> grantTypes, Set<String> scopes, boolean consentRequired,
			String idTokenSignedResponseAlg, Duration accessTokenLifetime, Duration refreshTokenLifetime,
			Duration authorizationCodeLifetime, Duration idTokenLifetime, @Nullable String jwksUri,
			@Nullable String jwks) {
		this(clientId, name, authMethod, redirectUris, postLogoutRedirectUris, grantTypes, scopes, consentRequired,
				idTokenSignedResponseAlg, accessTokenLifetime, refreshTokenLifetime, authorizationCodeLifetime,
				idTokenLifetime, jwksUri, jwks, PAIRWISE, null, null, DEFAULT_GRANT_LIFETIME, Set.of());
	}

	/**
	 * The sector of pairwise subjects (OIDC Core section 8.1): the host of the
	 * {@code sectorIdentifierUri} when there is one, otherwise the one host of the redirect
	 * URIs (the scheme, for a native app's private-use scheme), or the client itself when it
	 * has no redirect URI.
	 */
	public String sector() {
		if (this.sectorIdentifierUri != null) {
			return java.net.URI.create(this.sectorIdentifierUri).getHost();
		}
		return redirectHosts().stream().findFirst().orElse("client:" + this.clientId);
	}

	/**
	 * The distinct hosts (or private-use schemes) of the redirect URIs; the loopback names
	 * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) count as one, {@code localhost}.
	 */
	public Set<String> redirectHosts() {
		Set<String> hosts = new java.util.LinkedHashSet<>();
		for (String uri : this.redirectUris) {
			java.net.URI parsed = java.net.URI.create(uri);
			String host = (parsed.getHost() != null) ? parsed.getHost().toLowerCase(java.util.Locale.ROOT)
					: parsed.getScheme().toLowerCase(java.util.Locale.ROOT);
			hosts.add(LOOPBACK.contains(host) ? "localhost" : host);
		}
		return hosts;
	}

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

	public boolean isPublic() {
		return this.authMethod == ClientAuthMethod.NONE;
	}

}
