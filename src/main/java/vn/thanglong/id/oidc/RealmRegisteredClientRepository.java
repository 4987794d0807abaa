package vn.thanglong.id.oidc;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import vn.thanglong.id.realm.ClientChanged;
import vn.thanglong.id.realm.ClientDefinition;
import vn.thanglong.id.realm.ClientStore;
import vn.thanglong.id.realm.RealmDefinition;
import vn.thanglong.id.realm.RealmRegistry;
import vn.thanglong.id.realm.StoredClient;

/**
 * The authorization server's view of the realm's clients: a client is found by its
 * {@code client_id} only within the realm of the endpoint being called, so a client of one
 * realm is unknown to every other. A disabled client is unknown too: it cannot authenticate
 * ({@code invalid_client}), and the tokens issued to it are unknown wherever they are presented
 * (introspection answers inactive). Its internal id still resolves, so that the authorization
 * rows that name it can be read (and purged).
 */
final class RealmRegisteredClientRepository implements RegisteredClientRepository {

	private final ClientStore clients;

	private final RealmRegistry realms;

	private final java.util.concurrent.ConcurrentHashMap<String, Converted> converted = new java.util.concurrent.ConcurrentHashMap<>();

	RealmRegisteredClientRepository(ClientStore clients, RealmRegistry realms) {
		this.clients = Objects.requireNonNull(clients, "clients");
		this.realms = Objects.requireNonNull(realms, "realms");
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		throw new UnsupportedOperationException("clients are managed through realm-config and the admin API");
	}

	@Override
	public @Nullable RegisteredClient findById(String id) {
		return this.clients.findById(id).map(this::converted).orElse(null);
	}

	@Override
	public @Nullable RegisteredClient findByClientId(String clientId) {
		return Issuers.currentRealm().flatMap((realm) -> findStored(realm, clientId)).map(this::converted).orElse(null);
	}

	/**
	 * The store announces a client it has seen change, at once for a change made here: the
	 * conversion of the old state is dropped rather than kept until the next look-up replaces it.
	 */
	@EventListener
	void onClientChanged(ClientChanged changed) {
		this.converted.remove(changed.id());
	}

	/** The store hands out the same object until the client changes; convert each one once. */
	private RegisteredClient converted(StoredClient stored) {
		Converted cached = this.converted.get(stored.id());
		if (cached != null && cached.source() == stored) {
			return cached.client();
		}
		RegisteredClient client = toRegisteredClient(stored);
		this.converted.put(stored.id(), new Converted(stored, client));
		return client;
	}

	private record Converted(StoredClient source, RegisteredClient client) {
	}

	/** An enabled client of the realm. */
	Optional<StoredClient> findStored(String realm, String clientId) {
		return this.clients.findByClientId(realm, clientId).filter(StoredClient::enabled);
	}

	private RegisteredClient toRegisteredClient(StoredClient stored) {
		ClientDefinition definition = stored.definition();
		boolean pkceForAll = this.realms.find(stored.realm()).map(RealmDefinition::pkceRequiredForAllClients)
			.orElse(true);
		ClientSettings.Builder settings = ClientSettings.builder()
			.requireProofKey(definition.isPublic() || pkceForAll)
			.requireAuthorizationConsent(definition.consentRequired())
			.setting(Subjects.SUBJECT_TYPE, definition.subjectType())
			.setting(Subjects.SECTOR, definition.sector())
			.setting(PermittedIntrospectionProvider.INTROSPECTS_TOKENS_OF_SETTING, definition.introspectsTokensOf());
		if (definition.adminUnit() != null) {
			settings.setting(TokenClaimsCustomizer.ADMIN_UNIT_SETTING, definition.adminUnit());
		}
		if (definition.jwksUri() != null) {
			settings.jwkSetUrl(definition.jwksUri());
		}
		if (definition.jwks() != null) {
			settings.setting(ClientAssertionDecoders.INLINE_JWKS, definition.jwks());
		}
		RegisteredClient.Builder builder = RegisteredClient.withId(stored.id())
			.clientId(definition.clientId())
			.clientIdIssuedAt(stored.createdAt())
			.clientName(definition.name())
			.clientAuthenticationMethod(new ClientAuthenticationMethod(definition.authMethod().value()))
			.clientSettings(settings.build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(definition.accessTokenLifetime())
				.refreshTokenTimeToLive(definition.refreshTokenLifetime())
				.authorizationCodeTimeToLive(definition.authorizationCodeLifetime())
				.reuseRefreshTokens(false)
				.idTokenSignatureAlgorithm(SignatureAlgorithm.from(definition.idTokenSignedResponseAlg()))
				.setting(TokenClaimsCustomizer.ID_TOKEN_LIFETIME_SETTING, definition.idTokenLifetime())
				.setting(RotatingRefreshTokens.GRANT_LIFETIME_SETTING, definition.grantLifetime())
				.build());
		if (stored.secretHash() != null) {
			builder.clientSecret(stored.secretHash());
		}
		definition.grantTypes().forEach((grant) -> builder.authorizationGrantType(new AuthorizationGrantType(grant)));
		definition.redirectUris().forEach(builder::redirectUri);
		definition.postLogoutRedirectUris().forEach(builder::postLogoutRedirectUri);
		definition.scopes().forEach(builder::scope);
		return builder.build();
	}

	/**
	 * The realm a stored client belongs to, by its internal id; none for a disabled client, so
	 * that its tokens are known at no realm's endpoints.
	 */
	Optional<String> realmOfClient(String registeredClientId) {
		return this.clients.findById(registeredClientId).filter(StoredClient::enabled).map(StoredClient::realm);
	}

}
