package vn.thanglong.id.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionOperations;

import vn.thanglong.id.realm.ClientAuthMethod;
import vn.thanglong.id.realm.ClientDefinition;
import vn.thanglong.id.realm.ClientStore;
import vn.thanglong.id.realm.RealmDefinition;
import vn.thanglong.id.realm.RealmRegistry;
import vn.thanglong.id.realm.Secret;
import vn.thanglong.id.realm.StoredClient;

import static org.assertj.core.api.Assertions.assertThat;

class AccountConsoleProvisionerTest {

	private final RecordingClientStore store = new RecordingClientStore();

	private AccountConsoleProvisioner provisioner(String publicBaseUrl, RealmDefinition... realms) {
		AccountBaseUrl base = new AccountBaseUrl(publicBaseUrl);
		base.serverStarted("http", 8080);
		return new AccountConsoleProvisioner(TestRealms.registry(realms), this.store, base,
				TransactionOperations.withoutTransaction(), "http");
	}

	@Test
	void whenRealmHasNoAccountConsoleThenPublicCodeFlowClientIsRegisteredOnTheBase() {
		provisioner(new AccountProperties("https://id.example.gov.vn/").publicBaseUrl(), TestRealms.realm("hanoi")).provisionAll();

		assertThat(this.store.written).hasSize(1);
		ClientDefinition client = this.store.written.get(0).definition();
		assertThat(this.store.written.get(0).realm()).isEqualTo("hanoi");
		assertThat(client.clientId()).isEqualTo("account-console");
		assertThat(client.authMethod()).isEqualTo(ClientAuthMethod.NONE);
		assertThat(client.grantTypes()).containsExactly("authorization_code");
		assertThat(client.scopes()).containsExactlyInAnyOrder("openid", "profile", "email", "phone", "address");
		assertThat(client.consentRequired()).isFalse();
		assertThat(client.redirectUris())
			.containsExactly("https://id.example.gov.vn/realms/hanoi/account/callback");
		assertThat(client.postLogoutRedirectUris())
			.containsExactly("https://id.example.gov.vn/realms/hanoi/account/logged-out");
		assertThat(this.store.written.get(0).secret()).isNull();
	}

	@Test
	void whenRealmConfigDeclaresAccountConsoleThenItIsNotOverwritten() {
		RealmDefinition own = TestRealms.realm("hanoi", TestRealms.client("account-console"));

		provisioner(null, own, TestRealms.realm("hue")).provisionAll();

		assertThat(this.store.written).extracting(Written::realm).containsExactly("hue");
	}

	@Test
	void whenAnotherNodeInsertsConcurrentlyThenUpsertIsRetriedOnce() {
		this.store.failNext = true;

		provisioner(null, TestRealms.realm("hanoi")).provisionAll();

		assertThat(this.store.written).hasSize(1);
	}

	record Written(String realm, ClientDefinition definition, @Nullable Secret secret) {
	}

	static final class RecordingClientStore implements ClientStore {

		final List<Written> written = new ArrayList<>();

		boolean failNext;

		@Override
		public Optional<StoredClient> findByClientId(String realm, String clientId) {
			return Optional.empty();
		}

		@Override
		public Optional<StoredClient> findById(String id) {
			return Optional.empty();
		}

		@Override
		public boolean upsert(String realm, ClientDefinition definition, @Nullable Secret secret) {
			if (this.failNext) {
				this.failNext = false;
				throw new DuplicateKeyException("uq_realm_client");
			}
			this.written.add(new Written(realm, definition, secret));
			return true;
		}

		@Override
		public List<StoredClient> list(String realm, @Nullable String afterClientId, int limit) {
			return List.of();
		}

		@Override
		public Optional<StoredClient> read(String realm, String clientId) {
			return Optional.empty();
		}

		@Override
		public StoredClient create(String realm, ClientDefinition definition, @Nullable Secret secret) {
			throw new UnsupportedOperationException("the provisioner only upserts");
		}

		@Override
		public StoredClient update(String realm, String clientId, long expectedVersion, ClientDefinition definition,
				@Nullable Secret replacement) {
			throw new UnsupportedOperationException("the provisioner only upserts");
		}

		@Override
		public StoredClient setEnabled(String realm, String clientId, long expectedVersion, boolean enabled) {
			throw new UnsupportedOperationException("the provisioner only upserts");
		}

	}

	/** Realms as realm-config would declare them. */
	static final class TestRealms {

		private TestRealms() {
		}

		static RealmDefinition realm(String name, ClientDefinition... clients) {
			return new RealmDefinition(name, Map.of("vi", name), true, true,
					java.util.Arrays.stream(clients).map((c) -> new RealmDefinition.ConfiguredClient(c, null)).toList(),
					List.of());
		}

		static ClientDefinition client(String clientId) {
			return new ClientDefinition(clientId, clientId, ClientAuthMethod.NONE, List.of("https://rp.example.test/cb"),
					List.of(), java.util.Set.of("authorization_code"), java.util.Set.of("openid"), false, "RS256",
					java.time.Duration.ofMinutes(5), java.time.Duration.ofHours(8), java.time.Duration.ofMinutes(1),
					java.time.Duration.ofMinutes(5), null, null);
		}

		/** The registry's constructor belongs to the realm capability; its two look-ups are all that is used. */
		static RealmRegistry registry(RealmDefinition... realms) {
			Map<String, RealmDefinition> byName = new java.util.LinkedHashMap<>();
			for (RealmDefinition realm : realms) {
				byName.put(realm.name(), realm);
			}
			RealmRegistry registry = org.mockito.Mockito.mock(RealmRegistry.class);
			org.mockito.Mockito.when(registry.names()).thenReturn(byName.keySet());
			org.mockito.Mockito.when(registry.find(org.mockito.ArgumentMatchers.anyString()))
				.thenAnswer((call) -> Optional.ofNullable(byName.get(call.<String>getArgument(0))));
			org.mockito.Mockito.when(registry.exists(org.mockito.ArgumentMatchers.anyString()))
				.thenAnswer((call) -> byName.containsKey(call.<String>getArgument(0)));
			return registry;
		}

	}

}
